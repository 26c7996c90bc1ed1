from rights import api


def test_ai(site, settings):
    H = "news.crawl.test"
    html = {"Content-Type": "text/html; charset=utf-8"}
    page = b'<!doctype html><html><head><title>Tide tables</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head><body><article><h1>Tide tables</h1><p>By Rosa Delgado</p><p>The tide turns twice a day along the coast, and tables help sailors plan.</p></article></body></html>'
    robots = b"User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\nContent-Signal: search=yes, ai-train=no\n"
    with (
        site.route(H, "/robots.txt", body=robots, headers={"Content-Type": "text/plain"}),
        site.route(H, "/tides.html", body=page, headers=html),
    ):
        r = api.check(f"http://{H}/tides.html", use="ai-train", settings=settings)
        from rights.report.check import verdict_table

        print(verdict_table(r))
        from rights.report.inspection import inspection_table

        print(inspection_table(r.inspection))
    print([x.path for x in site.requests(host=H)])
