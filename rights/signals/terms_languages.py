"""The reuse-terms grammar in French, Spanish, Italian, Portuguese and Dutch (the parts are described in
`rights.signals.terms_phrases`, which also holds English, German and the languages written without spaces).
Pure data.
"""

from __future__ import annotations

from rights.signals.terms_phrases import Grammar

FRENCH = Grammar(
    lang="fr",
    gates={
        "refuse_part": ("ne peu", "ne pour", "ne doi", "ne sau"),
        "grant_part": ("peut", "peuvent", "pourra"),
        "grant_base": ("vous ", "hésitez", "hesitez"),
        "forbidden": ("interdit", "prohib", "illicite", "autoris", "réserv", "reserv"),
        "permitted": ("autoris", "permis", "libre", "encourag"),
        "without": ("sans",),
        "only_with": ("uniquement", "seulement", "qu'avec", "qu’avec", "que sur", "soumis"),
        "personal": ("personnel", "privé", "prive"),
        "ask": ("pour", "si vous"),
        "licence": ("licence", "domaine public"),
        "permitted_first": ("autoris", "permis"),
    },
    words=(
        "reproduit", "reproduire", "republié", "republier", "reprendre", "rediffus", "interdit", "autorisation", "autorisé",
        "sous licence", "licence creative", "domaine public", "usage personnel", "usage privé", "titre personnel",
        "libre de droit", "libres de droit", "reproduction", "usage strictement", "usage exclusivement",
    ),
    strong_part=(r"reproduite?s?", r"republi[ée]e?s?", r"rediffus[ée]e?s?", r"redistribu[ée]e?s?", r"copi[ée]e?s?",
                 r"repris(?:e|es)?"),
    weak_part=(r"publi[ée]e?s?", r"diffus[ée]e?s?", r"distribu[ée]e?s?", r"tradu(?:ite?s?)", r"utilis[ée]e?s?",
               r"r[ée]utilis[ée]e?s?", r"adapt[ée]e?s?", r"transmise?s?", r"communiqu[ée]e?s?", r"partag[ée]e?s?"),
    strong_base=("reproduire", "republier", "rediffuser", "redistribuer", "copier", "reprendre"),
    weak_base=("publier", "diffuser", "distribuer", "traduire", "utiliser", r"r[ée]utiliser", "adapter",
               "partager", "transmettre"),
    strong_noun=("reproduction", "republication", "rediffusion", "redistribution", "copie", "reprise"),
    weak_noun=("diffusion", "utilisation", r"r[ée]utilisation", "publication", "traduction", "exploitation",
               r"repr[ée]sentation", "adaptation"),
    refuse_part=(
        r"\bne\s+(?:peut|peuvent|pourra|pourront|doit|doivent|saurai(?:en)?t)\s+(?:en\s+aucun\s+cas\s+|pas\s+"
        r"|plus\s+|aucunement\s+|nullement\s+)?(?:[êe]tre)\s+(?:\w+\s+){0,2}?",
    ),
    grant_part=(r"\b(?:peut|peuvent|pourra|pourront)\s+(?:librement\s+)?[êe]tre\s+(?:librement\s+)?",),
    refuse_base=(),
    grant_base=(
        r"\bvous\s+(?:pouvez|[êe]tes\s+libres?\s+de|[êe]tes\s+autoris[ée]e?s?\s+[àa])\s+(?:librement\s+)?",
        r"\bn['’]h[ée]sitez\s+pas\s+[àa]\s+",
    ),
    forbidden=(r"(?:est\s+|sont\s+)?(?:strictement\s+|formellement\s+)?(?:interdite?s?|prohib[ée]e?s?|illicite"
               r"|(?:pas|non)\s+autoris[ée]e?s?|r[ée]serv[ée]e?s)",),
    permitted=(r"(?<!non\s)(?<!pas\s)(?:est\s+|sont\s+)?(?:autoris[ée]e?s?|permise?s?|libres?|encourag[ée]e?s?)\b",),
    without=(r"\bsans\s+(?:l['’]\s*|le\s+|leur\s+|notre\s+|son\s+)?(?:\w+\s+){0,2}?(?:autorisation|accord"
             r"|consentement|permission)",),
    only_with=(r"\b(?:uniquement|seulement|qu['’]\s*avec|que\s+sur|soumise?s?\s+[àa])\s+(?:\w+\s+){0,3}?"
               r"(?:l['’]\s*)?(?:autorisation|accord|permission|consentement)",),
    personal=(r"\busage\s+(?:strictement\s+|exclusivement\s+)?(?:personnel|priv[ée])",
              r"\b[àa]\s+titre\s+(?:strictement\s+)?(?:personnel|priv[ée])"),
    ask=(r"\bpour\s+(?:toute\s+)?(?:demande\s+(?:de\s+|d['’]\s*)?)?(?:reproduction|republication|reprise"
         r"|autorisation|droits?\s+de\s+reproduction)\b[^.;]{0,60}(?:contact|[ée]cri|adress|:)",
         r"\bsi\s+vous\s+(?:souhaitez|voulez|d[ée]sirez)\s+(?:reproduire|republier|reprendre|utiliser)\b[^.;]{0,80}?"
         r"(?:contact|[ée]cri|adress)"),
    licence=(r"\bsous\s+(?:la\s+|une\s+|les\s+termes\s+de\s+la\s+)?licence\b",
             r"\bselon\s+les\s+termes\s+de\s+la\s+licence\b", r"\blicence\s+(?:creative\s+commons|cc[\s-]|ouverte)",
             r"\b(?:est|sont)\s+(?:dans|versée?s?\s+dans|plac[ée]e?s?\s+dans)\s+le\s+domaine\s+public"),
    free=(r"\blibres?\s+de\s+(?:tous?\s+)?droits?\b", r"\bdomaine\s+public\b", r"\bsans\s+restriction"),
    grant_whole=(r"\blibres?\s+de\s+(?:tous?\s+)?droits?\b",),
    permitted_first=(r"\b(?:est|sont)\s+(?:librement\s+)?(?:autoris[ée]e?s?|permise?s?)\s+(?:la|le|les|l['’])\s*",),
)  # fmt: skip

SPANISH = Grammar(
    lang="es",
    gates={
        "refuse_part": ("no ",),
        "grant_part": ("puede", "podr"),
        "grant_base": ("puede", "se permite", "se autoriza", "permitid", "libre de"),
        "forbidden": ("prohibid", "permitid", "autorizad", "prohíbe", "prohibe"),
        "permitted": ("permitid", "autorizad", "libre"),
        "without": ("sin ",),
        "only_with": ("sólo", "solo", "solamente", "únicamente", "unicamente"),
        "personal": ("uso ",),
        "ask": ("para ", "si desea", "si quiere", "si deseas", "si quieres"),
        "licence": ("licencia", "dominio"),
        "permitted_first": ("permit", "autoriz"),
    },
    words=(
        "reproducci", "reproducir", "reproducid", "republicar", "republicad", "republicaci", "redistribuci",
        "prohibid", "prohíbe", "autorizaci", "permiso", "licencia", "dominio público", "uso personal", "uso privado",
        "permitid", "se permite", "consentimiento", "libre de derechos", "libres de derechos", "uso exclusivamente",
        "uso estrictamente", "se autoriza",
    ),
    strong_part=(r"reproducid[oa]s?", r"republicad[oa]s?", r"redistribuid[oa]s?", r"copiad[oa]s?"),
    weak_part=(r"publicad[oa]s?", r"distribuid[oa]s?", r"traducid[oa]s?", r"utilizad[oa]s?", r"usad[oa]s?",
               r"difundid[oa]s?", r"transmitid[oa]s?", r"comunicad[oa]s?", r"compartid[oa]s?"),
    strong_base=(r"reproducir(?:se|lo|la|los|las)?", r"republicar(?:lo|la|los|las)?", "redistribuir",
                 r"copiar(?:lo|la|los|las)?"),
    weak_base=("publicar", "distribuir", "traducir", "utilizar", "usar", "difundir", "compartir"),
    strong_noun=(r"reproducci[óo]n", r"republicaci[óo]n", r"redistribuci[óo]n", "copia"),
    weak_noun=(r"distribuci[óo]n", r"publicaci[óo]n", r"difusi[óo]n", "uso", r"utilizaci[óo]n",
               r"comunicaci[óo]n\s+p[úu]blica", r"transformaci[óo]n", r"traducci[óo]n"),
    refuse_part=(r"\bno\s+(?:se\s+)?(?:puede|pueden|podr[áa]n?|debe|deben|deber[áa]n?)\s+(?:ser\s+)?",),
    grant_part=(r"\b(?:puede|pueden|podr[áa]n?)\s+(?:ser\s+)?(?:libremente\s+)?",),
    refuse_base=(),
    grant_base=(r"\b(?:puedes|puede\s+usted|usted\s+puede|pueden|se\s+permite|se\s+autoriza|est[áa]\s+permitid[oa]"
                r"|es\s+libre\s+de|eres\s+libre\s+de)\s+(?:libremente\s+)?(?:la\s+|el\s+)?",),
    forbidden=(r"(?:est[áa]\s+|queda\s+)?(?:totalmente\s+|terminantemente\s+|expresamente\s+|estrictamente\s+)?"
               r"(?:prohibid[oa]s?|no\s+(?:est[áa]\s+)?permitid[oa]s?|no\s+autorizad[oa]s?)|\bse\s+proh[íi]be",),
    permitted=(r"(?<!no\s)(?<!no\sest[áa]\s)(?:est[áa]\s+)?(?:permitid[oa]s?|autorizad[oa]s?|libres?)\b",),
    without=(r"\bsin\s+(?:la\s+|el\s+|su\s+|nuestra\s+|previa\s+)?(?:\w+\s+){0,2}?(?:autorizaci[óo]n|permiso"
             r"|consentimiento)",),
    only_with=(r"\b(?:s[óo]lo|solamente|[úu]nicamente)\s+(?:con|previa|mediante)\s+(?:\w+\s+){0,3}?"
               r"(?:autorizaci[óo]n|permiso|consentimiento)",),
    personal=(r"\buso\s+(?:exclusivamente\s+|estrictamente\s+)?(?:personal|privado)",),
    ask=(r"\bpara\s+(?:solicitar|obtener|pedir)\s+(?:\w+\s+){0,3}?(?:autorizaci[óo]n|permiso|derechos|licencia)\s+"
         r"(?:de|para)\s+(?:reproducci|republicaci|reproducir|republicar|usar|utilizar)",
         r"\bsi\s+(?:desea|quiere|deseas|quieres)\s+(?:reproducir|republicar|utilizar|usar)\b[^.;]{0,80}?"
         r"(?:contact|escrib|comun[íi]quese|p[óo]ngase)"),
    licence=(r"\bbajo\s+(?:una\s+|la\s+|los\s+t[ée]rminos\s+de\s+la\s+)?licencia\b",
             r"\bcon\s+licencia\s+(?:creative|cc[\s-])", r"\b(?:est[áa]|son|es)\s+de\s+dominio\s+p[úu]blico"),
    free=(r"\blibres?\s+de\s+derechos\b", r"\bdominio\s+p[úu]blico\b", r"\bsin\s+restricci[óo]n"),
    grant_whole=(r"\blibres?\s+de\s+derechos\b",),
    permitted_first=(r"\b(?:se\s+permite|se\s+autoriza|est[áa]\s+permitid[oa]|queda\s+autorizad[oa])\s+(?:la|el|su)\s+"
                     r"(?:libre\s+)?",),
)  # fmt: skip

ITALIAN = Grammar(
    lang="it",
    gates={
        "refuse_part": ("non ",),
        "grant_part": ("può", "puo", "possono", "potr"),
        "grant_base": ("puoi", "potete", "possibile", "autorizza", "consentit"),
        "forbidden": ("vietat", "proibit", "consentit", "riservat"),
        "permitted": ("consentit", "permess", "autorizzat", "liber"),
        "without": ("senza",),
        "only_with": ("solo",),
        "personal": ("uso ",),
        "ask": ("per ",),
        "licence": ("licenza", "dominio"),
        "permitted_first": ("consentit", "permess", "autorizza"),
    },
    words=(
        "riprodu", "ripubblic", "ridistribu", "vietat", "riservat", "autorizzazione", "consenso", "permesso",
        "licenza", "pubblico dominio", "uso personale", "uso privato", "consentit", "uso esclusivamente",
        "uso strettamente",
    ),
    strong_part=(r"riprodott[oaie]", r"ripubblicat[oaie]", r"ridistribuit[oaie]", r"copiat[oaie]"),
    weak_part=(r"pubblicat[oaie]", r"distribuit[oaie]", r"tradott[oaie]", r"utilizzat[oaie]", r"usat[oaie]",
               r"diffus[oaie]", r"trasmess[oaie]", r"condivis[oaie]"),
    strong_base=("riprodurre", "ripubblicare", "ridistribuire", "copiare"),
    weak_base=("pubblicare", "distribuire", "tradurre", "utilizzare", "usare", "diffondere", "condividere"),
    strong_noun=("riproduzione", "ripubblicazione", "ridistribuzione", "copia"),
    weak_noun=("distribuzione", "pubblicazione", "diffusione", "utilizzo", "uso", "traduzione"),
    refuse_part=(r"\bnon\s+(?:pu[òo]|possono|potr[àa]|potranno|deve|devono)\s+(?:essere\s+)?",),
    grant_part=(r"\b(?:pu[òo]|possono|potr[àa]|potranno)\s+essere\s+(?:liberamente\s+)?",),
    refuse_base=(),
    grant_base=(r"\b(?:puoi|potete|[èe]\s+possibile|si\s+autorizza|[èe]\s+consentit[oa])\s+(?:liberamente\s+)?"
                r"(?:la\s+|il\s+)?",),
    forbidden=(r"(?:[èe]\s+|sono\s+)?(?:severamente\s+|espressamente\s+|assolutamente\s+)?(?:vietat[oaie]"
               r"|proibit[oaie]|non\s+consentit[oaie]|riservat[oaie])",),
    permitted=(r"(?<!non\s)(?<!non\s[èe]\s)(?:[èe]\s+|sono\s+)?(?:consentit[oaie]|permess[oaie]|autorizzat[oaie]"
               r"|liber[oaie])\b",),
    without=(r"\bsenza\s+(?:il\s+|l['’]\s*|la\s+|previa\s+|previo\s+)?(?:\w+\s+){0,2}?(?:consenso|autorizzazione"
             r"|permesso)",),
    only_with=(r"\bsolo\s+(?:con|previa|previo|dietro)\s+(?:\w+\s+){0,3}?(?:autorizzazione|consenso|permesso)",),
    personal=(r"\buso\s+(?:esclusivamente\s+|strettamente\s+)?(?:personale|privato)",),
    ask=(r"\bper\s+(?:richiedere\s+)?(?:l['’]\s*)?(?:autorizzazione|permess[oi])\s+(?:alla|di|per)\s+"
         r"(?:riproduzione|ripubblicazione|riprodurre|ripubblicare)",),
    licence=(r"\b(?:sotto|con)\s+(?:una\s+|la\s+)?licenza\b", r"\b(?:[èe]|sono)\s+di\s+pubblico\s+dominio"),
    free=(r"\bpubblico\s+dominio\b", r"\bsenza\s+restrizion"),
    permitted_first=(r"(?<!non\s)\b(?:[èe]\s+(?:consentit[oa]|permess[oa]|autorizzat[oa])|si\s+autorizza)\s+"
                     r"(?:la|il|l['’])\s*(?:libera\s+)?",),
)  # fmt: skip

PORTUGUESE = Grammar(
    lang="pt",
    gates={
        "refuse_part": ("não", "nao"),
        "grant_part": ("pode", "poder"),
        "grant_base": ("pode", "permitid", "autorizad"),
        "forbidden": ("proibid", "vedad", "permitid"),
        "permitted": ("permitid", "autorizad", "livre"),
        "without": ("sem ",),
        "only_with": ("somente", "apenas", "só ", "so "),
        "personal": ("uso ",),
        "ask": ("para ",),
        "licence": ("licen", "domínio", "dominio"),
        "permitted_first": ("permitid", "autorizad"),
    },
    words=(
        "reprodução", "reproduzi", "republicaç", "republicad", "redistribuiç", "proibid", "vedad", "autorizaç",
        "permissão", "licença", "licenciad", "uso exclusivamente", "livre de direitos", "livres de direitos", "domínio público", "uso pessoal", "permitid", "consentimento",
    ),
    strong_part=(r"reproduzid[oa]s?", r"republicad[oa]s?", r"redistribu[íi]d[oa]s?", r"copiad[oa]s?"),
    weak_part=(r"publicad[oa]s?", r"distribu[íi]d[oa]s?", r"traduzid[oa]s?", r"utilizad[oa]s?", r"usad[oa]s?",
               r"divulgad[oa]s?", r"transmitid[oa]s?", r"compartilhad[oa]s?"),
    strong_base=("reproduzir", "republicar", "redistribuir", "copiar"),
    weak_base=("publicar", "distribuir", "traduzir", "utilizar", "usar", "divulgar", "compartilhar", "partilhar"),
    strong_noun=(r"reprodu[çc][ãa]o", r"republica[çc][ãa]o", r"redistribui[çc][ãa]o", r"c[óo]pia"),
    weak_noun=(r"distribui[çc][ãa]o", r"publica[çc][ãa]o", r"divulga[çc][ãa]o", "uso", r"utiliza[çc][ãa]o",
               r"tradu[çc][ãa]o"),
    refuse_part=(r"\bn[ãa]o\s+(?:pode|podem|poder[áa]|poder[ãa]o|deve|devem)\s+(?:ser\s+)?",),
    grant_part=(r"\b(?:pode|podem|poder[áa]|poder[ãa]o)\s+ser\s+(?:livremente\s+)?",),
    refuse_base=(),
    grant_base=(r"\b(?:voc[êe]\s+pode|voc[êe]s\s+podem|pode-se|[ée]\s+permitid[oa]|fica\s+autorizad[oa])\s+"
                r"(?:livremente\s+)?(?:a\s+|o\s+)?",),
    forbidden=(r"(?:[ée]\s+|s[ãa]o\s+|fica\s+)?(?:expressamente\s+|terminantemente\s+|estritamente\s+)?(?:proibid[oa]s?"
               r"|vedad[oa]s?|n[ãa]o\s+(?:[ée]\s+)?permitid[oa]s?)",),
    permitted=(r"(?<!n[ãa]o\s)(?<!n[ãa]o\s[ée]\s)(?:[ée]\s+|s[ãa]o\s+)?(?:permitid[oa]s?|autorizad[oa]s?|livres?)\b",),
    without=(r"\bsem\s+(?:a\s+|o\s+|pr[ée]via\s+)?(?:\w+\s+){0,2}?(?:autoriza[çc][ãa]o|permiss[ãa]o"
             r"|consentimento)",),
    only_with=(r"\b(?:somente|apenas|s[óo])\s+(?:com|mediante)\s+(?:\w+\s+){0,3}?(?:autoriza[çc][ãa]o"
               r"|permiss[ãa]o|consentimento)",),
    personal=(r"\buso\s+(?:exclusivamente\s+|estritamente\s+)?(?:pessoal|privado)",),
    ask=(r"\bpara\s+(?:solicitar|obter|pedir)\s+(?:\w+\s+){0,3}?(?:autoriza[çc][ãa]o|permiss[ãa]o|direitos|licen[çc]a)"
         r"\s+(?:de|para)\s+(?:reprodu|republica|usar|utilizar)",),
    licence=(r"\bsob\s+(?:uma\s+|a\s+|os\s+termos\s+da\s+)?licen[çc]a\b", r"\bcom\s+licen[çc]a\s+(?:creative|cc[\s-])",
             r"\b(?:est[áa]|s[ãa]o|[ée])\s+(?:em|de)\s+dom[íi]nio\s+p[úu]blico"),
    free=(r"\blivres?\s+de\s+direitos\b", r"\bdom[íi]nio\s+p[úu]blico\b", r"\bsem\s+restri[çc]"),
    grant_whole=(r"\blivres?\s+de\s+direitos\b",),
    permitted_first=(r"(?<!n[ãa]o\s)\b(?:[ée]\s+(?:permitid[oa]|autorizad[oa])|fica\s+autorizad[oa])\s+(?:a|o)\s+",),
)  # fmt: skip

DUTCH = Grammar(
    lang="nl",
    gates={
        "refuse_part": ("niet", "niets"),
        "grant_part": ("mag", "mogen"),
        "grant_base": ("mag", "mogen", "kunt", "kan"),
        "forbidden": ("verboden", "toegestaan"),
        "permitted": ("toegestaan", "vrij", "welkom"),
        "without": ("zonder",),
        "only_with": ("alleen", "uitsluitend", "slechts"),
        "personal": ("gebruik",),
        "ask": ("voor ",),
        "licence": ("onder", "licentie", "domein"),
    },
    words=(
        "overgenomen", "overnemen", "overname", "verveelvoudig", "gereproduceerd", "reproductie", "gekopieerd",
        "toestemming", "verboden", "toegestaan", "licentie", "publiek domein", "eigen gebruik", "hergebruik", "rechtenvrij",
    ),
    strong_part=("overgenomen", r"verveelvoudigd", "gereproduceerd", "gekopieerd", "herpubliceerd", "hergebruikt"),
    weak_part=("gepubliceerd", r"openbaar\s+gemaakt", "verspreid", "gebruikt", "vertaald", "opgeslagen"),
    strong_base=("overnemen", "verveelvoudigen", "reproduceren", "kopi[ëe]ren", "herpubliceren", "hergebruiken"),
    weak_base=("publiceren", "verspreiden", "gebruiken", "vertalen", "delen"),
    strong_noun=("overname", "verveelvoudiging", "reproductie", "hergebruik", "herpublicatie"),
    weak_noun=("publicatie", "verspreiding", "gebruik"),
    refuse_part=(
        r"\b(?:mag|mogen)\b[^.;]{0,80}?\bniet\b(?!\s*-?commerci)(?:[^.;]{0,80}?\s)?",
        r"\bniets\s+(?:uit|van)\b[^.;]{0,120}?\b(?:mag|mogen)\b(?:[^.;]{0,80}?\s)?",
    ),
    grant_part=(r"\b(?:mag|mogen)\b(?:(?!\bniet\b|\bniets\b|\bzonder\b)[^.;]){0,80}?\s",),
    refuse_base=(),
    grant_base=(r"\b(?:u|je|jij|iedereen)\s+(?:mag|mogen|kunt|kan)\s+(?:(?!niet\b)\w+\s+){0,4}?(?:vrij(?:elijk)?\s+)?",),
    forbidden=(r"(?:is\s+|zijn\s+)?(?:uitdrukkelijk\s+|ten\s+strengste\s+)?(?:verboden|niet\s+toegestaan)",),
    permitted=(r"(?<!niet\s)(?:is\s+|zijn\s+)?(?:toegestaan|vrij|welkom)\b",),
    without=(r"\bzonder\s+(?:\w+\s+){0,3}?(?:toestemming|goedkeuring|instemming)",),
    only_with=(r"\b(?:alleen|uitsluitend|slechts)\s+(?:met|na)\s+(?:\w+\s+){0,3}?(?:toestemming|goedkeuring)",),
    personal=(r"\b(?:uitsluitend\s+|alleen\s+)?voor\s+(?:eigen|persoonlijk|priv[ée])\s*gebruik",),
    ask=(r"\bvoor\s+(?:het\s+)?(?:overnemen|overname|herpublicatie|hergebruik)\b[^.;]{0,60}(?:contact|mail|:)",),
    licence=(r"\bonder\s+(?:een\s+|de\s+)?(?:creative[\s-]*commons|cc[\s-])", r"\bgelicentieerd\s+onder\b",
             r"\bvalt\s+onder\s+(?:een|de)\s+[\w\s-]{0,30}licentie", r"\bin\s+het\s+publieke?\s+domein"),
    free=(r"\bpublieke?\s+domein\b", r"\brechtenvrij\b"),
    grant_whole=(r"\brechtenvrij\b",),
    parts_after=True,
    series=r"",
)  # fmt: skip
