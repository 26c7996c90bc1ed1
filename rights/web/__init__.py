"""The web stage: everything that touches the network, politely and behind the SSRF guard.

- `fetch/`: the only httpx/aiohttp user: limits, retries, robots.txt, redirects checked hop by hop;
- `crawl/`: the frontier, politeness scheduling, parser processes, persistence and resume;
- `discover`: sitemaps, feeds, in-site links and the crawl's scope;
- `robots_txt`: RFC 9309 decisions; `guard`: which addresses may be connected to;
- `robots_ai`: what robots.txt says about AI use of a page (per AI crawler token, Content-Usage, Content-Signal,
  RSL `License:`); `ai_crawlers`: the AI crawler list (policies/crawlers/ai-crawlers.toml);
- `target`: the URL or file a command was asked to read; `models`: `Fetched`, `CrawlSummary`.
"""
