# ruff: noqa: E501 - prose: long sentences read better unbroken than split mid-phrase.
"""Demo courses as plain data: what a municipal employee would actually read.

Kept apart from the page models so the text can be reviewed (and corrected by
people who know SvarUT or KOMPIS) without reading loader code. `courses.demo.load`
turns this into published pages.

Body items are `(kind, value)` pairs, kinds being:

- "text": rich-text HTML,
- "callout": {"kind": "info" | "tip" | "warning", "title": str, "text": html},
- "video": {"film": "friday" | "flower", "title": str, "transcript": html},
- "quiz": {"title", "intro", "pass_mark" (per cent), "questions": [...]}, each
  question {"text", "multiple": bool, "explanation", "choices": [{"text",
  "correct": bool, "feedback"}]}.
"""

TOPICS = [
    {
        "slug": "svarut",
        "name": "SvarUT",
        "description": "Digital post fra kommunen til innbyggere, næringsliv og andre offentlige virksomheter.",
    },
    {
        "slug": "informasjonssikkerhet",
        "name": "Informasjonssikkerhet",
        "description": "Trygg bruk av IT, personopplysninger og taushetsplikt i hverdagen.",
    },
    {
        "slug": "portefoljestyring",
        "name": "Porteføljestyring",
        "description": "Prosjekter, gevinster og prioritering i kommunen.",
    },
    {
        "slug": "ny-i-jobben",
        "name": "Ny i jobben",
        "description": "Introduksjon for nye medarbeidere.",
    },
]

# The stand-in films (CC0, mdn/interactive-examples). The KOMPIS films are
# licensed to KS and not part of the demo.
FILMS = {
    "friday": {
        "title": "Filmklipp: «Hildy!» (demofilm)",
        "file": "friday.mp4",
        # Main track first (the course's language), then the others.
        "captions": {"nb": "friday.nb.vtt", "nn": "friday.nn.vtt", "en": "friday.vtt"},
        "duration": 6.2,
        "width": 800,
        "height": 450,
    },
    "flower": {
        "title": "Filmklipp: En blomst som åpner seg (demofilm)",
        "file": "flower.webm",
        "captions": {"nb": "flower.nb.vtt", "nn": "flower.nn.vtt", "en": "flower.vtt"},
        "duration": 5.1,
        "width": 800,
        "height": 450,
    },
}

FILM_NOTE = (
    "<p><i>Demofilm: I den ferdige kursversjonen står KOMPIS-filmen her. "
    "Klippet er en fri (CC0) stand-in-film, slik at avspilling og teksting kan prøves.</i></p>"
)


# --------------------------------------------------------------------------
# SvarUT for saksbehandlere
# --------------------------------------------------------------------------

SVARUT_QUIZ = {
    "title": "Test deg selv: SvarUT",
    "intro": "Fem spørsmål. Du trenger 80 prosent riktige svar for å bestå. Du kan prøve så mange ganger du vil.",
    "pass_mark": 80,
    "questions": [
        {
            "text": "Hva er SvarUT?",
            "multiple": False,
            "explanation": "SvarUT er KS sin fellesløsning for utsending av digital post fra kommuner og fylkeskommuner.",
            "choices": [
                {
                    "text": "KS sin nasjonale løsning for å sende post digitalt fra kommunen",
                    "correct": True,
                    "feedback": "Riktig. SvarUT er en del av KS sin Fiks-plattform og brukes av nesten alle kommuner.",
                },
                {
                    "text": "Et sak- og arkivsystem",
                    "correct": False,
                    "feedback": "Ikke helt. Sak- og arkivsystemet er der du lager brevet; SvarUT sørger for at det blir levert.",
                },
                {
                    "text": "En e-postløsning for ansatte",
                    "correct": False,
                    "feedback": "Nei. SvarUT sender ikke vanlig e-post; forsendelsene går til digitale postkasser, Altinn eller på papir.",
                },
            ],
        },
        {
            "text": "Hvor kan et brev fra SvarUT havne hos mottakeren?",
            "multiple": True,
            "explanation": "Innbyggere får posten i Digipost eller e-Boks, virksomheter i Altinn, og andre offentlige virksomheter via SvarInn. Uten digital kanal blir brevet skrevet ut og sendt i posten.",
            "choices": [
                {
                    "text": "I innbyggerens digitale postkasse (Digipost eller e-Boks)",
                    "correct": True,
                    "feedback": "Riktig. Dette er den vanligste kanalen for innbyggere.",
                },
                {
                    "text": "I virksomhetens innboks i Altinn",
                    "correct": True,
                    "feedback": "Riktig. Brev til bedrifter går til Altinn, knyttet til organisasjonsnummeret.",
                },
                {
                    "text": "Som brev i vanlig post",
                    "correct": True,
                    "feedback": "Riktig. Når digital levering ikke er mulig eller brevet ikke blir åpnet i tide, går det til utskrift og sendes i posten.",
                },
                {
                    "text": "Som SMS med hele brevet",
                    "correct": False,
                    "feedback": "Nei. Mottakeren kan få et varsel på SMS eller e-post, men selve brevet sendes ikke som SMS.",
                },
            ],
        },
        {
            "text": "En innbygger har reservert seg mot digital kommunikasjon. Hva skjer når du sender et vedtak gjennom SvarUT?",
            "multiple": False,
            "explanation": "SvarUT sjekker Kontakt- og reservasjonsregisteret. Den som har reservert seg, får brevet på papir.",
            "choices": [
                {
                    "text": "Brevet blir skrevet ut og sendt i posten",
                    "correct": True,
                    "feedback": "Riktig. Du sender på samme måte som ellers; SvarUT velger papir for deg.",
                },
                {
                    "text": "Forsendelsen stopper, og du må sende brevet manuelt",
                    "correct": False,
                    "feedback": "Nei. Du trenger ikke gjøre noe annet; SvarUT sender brevet til utskrift.",
                },
                {
                    "text": "Brevet blir lagt i Digipost likevel",
                    "correct": False,
                    "feedback": "Nei. En reservasjon skal respekteres; brevet går på papir.",
                },
            ],
        },
        {
            "text": "Hva bør du gjøre når en forsendelse har status «Ikke levert»?",
            "multiple": False,
            "explanation": "Et brev som ikke er levert, er ikke mottatt. Saksbehandleren må finne ut hvorfor og sørge for at mottakeren får det, og notere det i saken.",
            "choices": [
                {
                    "text": "Finne årsaken, rette adresse eller kanal og sende på nytt, og notere det i saken",
                    "correct": True,
                    "feedback": "Riktig. Husk at frister ofte løper fra mottakeren har fått brevet.",
                },
                {
                    "text": "Ingenting – SvarUT prøver igjen til det går",
                    "correct": False,
                    "feedback": "Nei. En forsendelse som ikke er levert, må følges opp av deg eller arkivet.",
                },
                {
                    "text": "Sende det samme brevet som e-post i stedet",
                    "correct": False,
                    "feedback": "Nei. Vanlig e-post er ikke en sikker kanal for vedtak og taushetsbelagte opplysninger.",
                },
            ],
        },
        {
            "text": "Hva kaller vi mottakssiden av SvarUT, der kommunen tar imot forsendelser fra andre offentlige virksomheter?",
            "multiple": False,
            "explanation": "SvarInn tar imot forsendelser og leverer dem til kommunens sak- og arkivsystem.",
            "choices": [
                {
                    "text": "SvarInn",
                    "correct": True,
                    "feedback": "Riktig. SvarInn leverer innkommende post rett til arkivet.",
                },
                {
                    "text": "Altinn",
                    "correct": False,
                    "feedback": "Nei. Altinn er kanalen for brev til virksomheter.",
                },
                {
                    "text": "Digipost",
                    "correct": False,
                    "feedback": "Nei. Digipost er en digital postkasse for innbyggere.",
                },
            ],
        },
    ],
}

SVARUT = {
    "slug": "svarut-for-saksbehandlere",
    "owner": "ks",
    "title": "SvarUT for saksbehandlere",
    "topic": "svarut",
    "sharing": "everyone",
    "duration_minutes": 30,
    "audience": "Saksbehandlere og arkivmedarbeidere som sender brev og vedtak fra kommunen.",
    "intro": (
        "<p>Kommunen sender hvert år millioner av brev til innbyggere, bedrifter og andre "
        "offentlige virksomheter. Med SvarUT blir de levert digitalt – raskere, sikrere og "
        "billigere enn med papir. Kurset viser hva som skjer når du trykker «send», og hva du "
        "gjør når et brev ikke kommer fram.</p>"
    ),
    "lessons": [
        {
            "slug": "hva-er-svarut",
            "title": "Hva er SvarUT?",
            "summary": "Hvorfor kommunen sender digitalt, og hvilke kanaler brevet kan gå gjennom.",
            "body": [
                (
                    "text",
                    "<h2>Én løsning for utgående post</h2>"
                    "<p>SvarUT er KS sin nasjonale fellesløsning for digital post fra kommuner og "
                    "fylkeskommuner. Den er en del av Fiks-plattformen, som KS drifter for hele "
                    "kommunesektoren. Du lager brevet som før i sak- og arkivsystemet, og SvarUT "
                    "sørger for at det kommer fram til mottakeren.</p>"
                    "<h2>Hvor havner brevet?</h2>"
                    "<ul>"
                    "<li><strong>Innbyggere</strong> får brevet i sin digitale postkasse, "
                    "Digipost eller e-Boks.</li>"
                    "<li><strong>Bedrifter og organisasjoner</strong> får brevet i Altinn, knyttet "
                    "til organisasjonsnummeret.</li>"
                    "<li><strong>Andre kommuner og offentlige virksomheter</strong> får brevet "
                    "rett inn i sitt eget arkivsystem.</li>"
                    "<li><strong>Alle andre</strong> får brevet på papir. SvarUT sender det til "
                    "sentral utskrift, og brevet leveres med vanlig post.</li>"
                    "</ul>"
                    "<p>Du trenger ikke vite hvilken kanal mottakeren bruker. SvarUT slår opp i "
                    "Kontakt- og reservasjonsregisteret og velger riktig vei.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Digitalt førstevalg",
                        "text": "<p>Forvaltningen skal kommunisere digitalt med innbyggere som "
                        "ikke har reservert seg. Den som har reservert seg, får alltid papir.</p>",
                    },
                ),
                (
                    "text",
                    "<h2>Hvorfor det lønner seg</h2>"
                    "<p>Et digitalt brev er framme på sekunder, koster en brøkdel av et "
                    "papirbrev, og du kan se når det er lest. Det betyr kortere saksbehandlingstid "
                    "og færre telefoner fra innbyggere som lurer på om vedtaket er sendt.</p>",
                ),
            ],
        },
        {
            "slug": "sende-og-motta",
            "title": "Sende og motta post",
            "summary": "Slik sender du fra arkivsystemet eller nettportalen, og slik tar kommunen imot post via SvarInn.",
            "body": [
                (
                    "text",
                    "<h2>Sende fra sak- og arkivsystemet</h2>"
                    "<p>I de fleste kommuner er SvarUT koblet til sak- og arkivsystemet. Når du "
                    "ekspederer et utgående dokument, velger du SvarUT som forsendelsesmåte. "
                    "Systemet sender dokumentet og vedleggene, og status kommer tilbake til "
                    "journalposten.</p>"
                    "<ol>"
                    "<li>Kontroller mottakeren: fødselsnummer for personer, organisasjonsnummer "
                    "for virksomheter.</li>"
                    "<li>Velg riktig sikkerhetsnivå. Brev med taushetsbelagte opplysninger skal "
                    "kreve innlogging på høyt nivå (BankID eller MinID med høy sikkerhet).</li>"
                    "<li>Ekspeder dokumentet, og sjekk at status endres fra «sendt».</li>"
                    "</ol>"
                    "<h2>Sende fra nettportalen</h2>"
                    "<p>Har du ikke integrasjon, kan du laste opp en PDF i SvarUTs nettportal. "
                    "Husk da å arkivere brevet selv – portalen er ikke et arkiv.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Taushetsplikt",
                        "text": "<p>Helseopplysninger, barnevern, sosialhjelp og andre "
                        "taushetsbelagte saker skal sendes med krav om innlogging på høyt "
                        "sikkerhetsnivå. Er du i tvil, velg det høyeste.</p>",
                    },
                ),
                (
                    "text",
                    "<h2>Motta post med SvarInn</h2>"
                    "<p>Når en annen kommune eller statlig virksomhet sender brev til din kommune, "
                    "kommer det inn gjennom SvarInn. SvarInn leverer forsendelsen rett til "
                    "arkivets innboks, der den blir journalført og fordelt. Du som saksbehandler "
                    "får den i din restanseliste som et vanlig inngående dokument.</p>",
                ),
            ],
        },
        {
            "slug": "folge-opp-forsendelser",
            "title": "Følge opp forsendelser",
            "summary": "Hva statusene betyr, når brevet går til utskrift, og hva du gjør med post som ikke er levert.",
            "body": [
                (
                    "text",
                    "<h2>Statusene du møter</h2>"
                    "<ul>"
                    "<li><strong>Mottatt:</strong> SvarUT har tatt imot forsendelsen og arbeider med den.</li>"
                    "<li><strong>Levert digitalt:</strong> Brevet ligger i mottakerens digitale postkasse "
                    "eller i Altinn.</li>"
                    "<li><strong>Lest:</strong> Mottakeren har åpnet brevet.</li>"
                    "<li><strong>Sendt til utskrift:</strong> Brevet blir skrevet ut og sendt i posten.</li>"
                    "<li><strong>Ikke levert:</strong> Brevet kom ikke fram. Dette må følges opp.</li>"
                    "</ul>"
                    "<h2>Når brevet går på papir</h2>"
                    "<p>Hvis mottakeren ikke har en digital postkasse, har reservert seg, eller "
                    "ikke åpner et digitalt brev innen fristen kommunen har valgt, blir brevet "
                    "sendt til utskrift. Det tar noen dager ekstra i posten. Har saken en "
                    "klagefrist, regnes den fra brevet er kommet fram.</p>",
                ),
                (
                    "text",
                    "<h2>Når brevet ikke er levert</h2>"
                    "<p>Et brev som ikke er levert, er ikke sendt i forvaltningslovens forstand. "
                    "Vanlige årsaker er ukjent adresse, feil fødselsnummer eller en virksomhet som "
                    "er slettet. Gjør dette:</p>"
                    "<ol>"
                    "<li>Åpne forsendelsen og les feilmeldingen.</li>"
                    "<li>Kontroller mottakeren mot Folkeregisteret eller Enhetsregisteret.</li>"
                    "<li>Rett opp og send på nytt, eller avtal annen levering med arkivet.</li>"
                    "<li>Noter i saken hva som skjedde og når brevet til slutt ble sendt.</li>"
                    "</ol>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Gjør det til en vane",
                        "text": "<p>Sjekk listen over forsendelser som ikke er levert én gang i "
                        "uka. Mange kommuner lar arkivet gjøre dette for alle.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "test-deg-selv",
            "title": "Test deg selv",
            "summary": "Fem spørsmål om SvarUT. Du får forklaring på hvert svar.",
            "body": [
                (
                    "text",
                    "<p>Svar på spørsmålene under. Du får vite med en gang hva som var riktig og "
                    "hvorfor.</p>",
                ),
                ("quiz", SVARUT_QUIZ),
            ],
        },
    ],
}


# --------------------------------------------------------------------------
# Informasjonssikkerhet i hverdagen (KOMPIS)
# --------------------------------------------------------------------------

FRIDAY_TRANSCRIPT = (
    "<p><strong>Transkripsjon</strong> (engelsk tale, norsk oversettelse i parentes)</p>"
    "<p>– Hildy! (Hildy!)<br/>"
    "– How are you? (Hvordan har du det?)<br/>"
    "– Tell me, is the lord of the universe in? (Si meg, er herren over universet inne?)<br/>"
    "– Yes, he's in – in a bad humor. (Ja, han er inne – i dårlig humør.)<br/>"
    "– Somebody must've stolen the crown jewels. (Noen må ha stjålet kronjuvelene.)</p>"
)

FLOWER_TRANSCRIPT = (
    "<p><strong>Transkripsjon</strong></p>"
    "<p>Filmen har ingen tale. Den viser en blomst som åpner seg. "
    "Teksten på skjermen lyder: «Flower opening».</p>"
)

INFOSEC_QUIZ = {
    "title": "Test deg selv: Informasjonssikkerhet",
    "intro": "Fem spørsmål fra hverdagen. Du trenger 80 prosent riktige svar for å bestå.",
    "pass_mark": 80,
    "questions": [
        {
            "text": "Du får en e-post fra «IT-avdelingen» som ber deg logge inn via en lenke for å unngå at kontoen blir stengt. Hva gjør du?",
            "multiple": False,
            "explanation": "Hastverk og trusler er typiske tegn på nettfisking. Ikke klikk; meld fra.",
            "choices": [
                {
                    "text": "Klikker ikke, og melder e-posten som nettfisking",
                    "correct": True,
                    "feedback": "Riktig. Da kan IT stoppe den samme e-posten hos kollegene dine også.",
                },
                {
                    "text": "Klikker og logger inn, for sikkerhets skyld",
                    "correct": False,
                    "feedback": "Nei. Det er nettopp dette angriperen vil. Innloggingen din havner hos dem.",
                },
                {
                    "text": "Videresender den til kollegaene dine og spør hva de tror",
                    "correct": False,
                    "feedback": "Nei. Da sprer du lenken. Bruk knappen for å melde nettfisking, eller kontakt IT.",
                },
            ],
        },
        {
            "text": "Hva kjennetegner et godt passord?",
            "multiple": True,
            "explanation": "Lengde slår kompleksitet. Bruk en passordfrase, et eget passord per tjeneste og tofaktor der det finnes.",
            "choices": [
                {
                    "text": "Det er langt, gjerne en setning av flere ord",
                    "correct": True,
                    "feedback": "Riktig. En passordfrase på fire–fem ord er både sterk og lett å huske.",
                },
                {
                    "text": "Det brukes bare ett sted",
                    "correct": True,
                    "feedback": "Riktig. Lekker ett passord, skal ikke alle kontoene dine være åpne.",
                },
                {
                    "text": "Det er navnet på barnet ditt og fødselsåret",
                    "correct": False,
                    "feedback": "Nei. Slik informasjon er lett å finne i sosiale medier.",
                },
                {
                    "text": "Det står på en lapp under tastaturet",
                    "correct": False,
                    "feedback": "Nei. Bruk heller passordhåndtereren kommunen anbefaler.",
                },
            ],
        },
        {
            "text": "Du skal i lunsj. Hva gjør du med PC-en?",
            "multiple": False,
            "explanation": "Lås skjermen hver gang du går fra plassen, med Windows-tasten + L.",
            "choices": [
                {
                    "text": "Låser skjermen (Windows-tasten + L)",
                    "correct": True,
                    "feedback": "Riktig. Det tar ett sekund og hindrer at andre ser eller bruker det du har åpent.",
                },
                {
                    "text": "Lar den stå – det er bare kolleger her",
                    "correct": False,
                    "feedback": "Nei. Også besøkende, leverandører og innbyggere kan gå forbi plassen din.",
                },
                {
                    "text": "Slår av skjermen med knappen",
                    "correct": False,
                    "feedback": "Nei. Maskinen er fortsatt innlogget; det holder ikke å slå av skjermen.",
                },
            ],
        },
        {
            "text": "Du har ved en feil sendt en e-post med personopplysninger til feil mottaker. Hva gjør du?",
            "multiple": True,
            "explanation": "Et avvik skal meldes med en gang. Kommunen har bare 72 timer på seg til å varsle Datatilsynet når det er nødvendig.",
            "choices": [
                {
                    "text": "Melder avvik i kommunens avvikssystem med en gang",
                    "correct": True,
                    "feedback": "Riktig. Jo tidligere, jo bedre kan skaden begrenses.",
                },
                {
                    "text": "Sier fra til nærmeste leder",
                    "correct": True,
                    "feedback": "Riktig. Lederen hjelper deg med å følge opp.",
                },
                {
                    "text": "Venter og ser om noen reagerer",
                    "correct": False,
                    "feedback": "Nei. Fristen for å varsle Datatilsynet er 72 timer, og den løper fra kommunen oppdaget feilen.",
                },
            ],
        },
        {
            "text": "En venn spør om naboen din har søkt om sosialhjelp. Du vet svaret fra jobben. Hva gjelder?",
            "multiple": False,
            "explanation": "Taushetsplikten gjelder alt du får vite om personlige forhold i jobben – også overfor venner og familie, og også etter at du har sluttet.",
            "choices": [
                {
                    "text": "Du har taushetsplikt og kan ikke svare",
                    "correct": True,
                    "feedback": "Riktig. Du kan heller ikke bekrefte at naboen er en sak hos kommunen.",
                },
                {
                    "text": "Du kan svare, siden det er en venn",
                    "correct": False,
                    "feedback": "Nei. Taushetsplikten gjelder overfor alle som ikke trenger opplysningene i jobben.",
                },
                {
                    "text": "Du kan svare etter arbeidstid",
                    "correct": False,
                    "feedback": "Nei. Taushetsplikten gjelder hele døgnet, og også etter at du har sluttet.",
                },
            ],
        },
    ],
}

INFOSEC = {
    "slug": "informasjonssikkerhet-i-hverdagen",
    "owner": "ks",
    "title": "Informasjonssikkerhet i hverdagen",
    "topic": "informasjonssikkerhet",
    "sharing": "everyone",
    "duration_minutes": 25,
    "audience": "Alle ansatte i kommuner og fylkeskommuner.",
    "intro": (
        "<p>De fleste sikkerhetshendelser i kommunen starter med noe helt vanlig: en e-post, et "
        "passord, en skjerm som står åpen. Kurset bygger på KOMPIS-filmene og viser hva du kan "
        "gjøre for å beskytte innbyggernes opplysninger – og deg selv.</p>"
    ),
    "lessons": [
        {
            "slug": "nettfisking",
            "title": "Nettfisking: tenk før du klikker",
            "summary": "Slik kjenner du igjen falske e-poster, SMS-er og telefoner.",
            "body": [
                (
                    "video",
                    {
                        "film": "friday",
                        "title": "Film: Nettfisking",
                        "transcript": FRIDAY_TRANSCRIPT,
                    },
                ),
                ("text", FILM_NOTE),
                (
                    "text",
                    "<h2>Hva er nettfisking?</h2>"
                    "<p>Nettfisking (phishing) er forsøk på å lure deg til å gi fra deg passord, "
                    "betale en falsk faktura eller åpne et skadelig vedlegg. Angriperen utgir seg "
                    "for å være noen du stoler på: IT-avdelingen, rådmannen, banken eller en "
                    "leverandør.</p>"
                    "<h2>Fem varselstegn</h2>"
                    "<ul>"
                    "<li>Det haster, eller du blir truet med at noe blir stengt.</li>"
                    "<li>Avsenderadressen ligner, men er ikke helt lik den ekte.</li>"
                    "<li>Du blir bedt om å logge inn via en lenke.</li>"
                    "<li>Noen ber om betaling til et nytt kontonummer.</li>"
                    "<li>Språket er litt rart, eller hilsenen er upersonlig.</li>"
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Er du i tvil?",
                        "text": "<p>Ring avsenderen på et nummer du finner selv – ikke nummeret i "
                        "e-posten. Og meld e-posten til IT med knappen for nettfisking.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "passord-og-tofaktor",
            "title": "Passord og tofaktorpålogging",
            "summary": "Lange passordfraser, ett passord per tjeneste, og en ekstra lås.",
            "body": [
                (
                    "text",
                    "<h2>Lengde slår krøll</h2>"
                    "<p>Et langt passord er vanskeligere å knekke enn et kort og kronglete. En "
                    "passordfrase som «Blåbær på hytta i august» er både sterk og lett å huske. "
                    "Bruk aldri det samme passordet på jobb og privat.</p>"
                    "<h2>Tofaktor: en ekstra lås</h2>"
                    "<p>Med tofaktorpålogging trenger en angriper både passordet ditt og telefonen "
                    "din. Godkjenn bare varsler om pålogging når du selv prøver å logge inn. Får "
                    "du et varsel du ikke venter, trykk «avvis» og si fra til IT.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Ingen ber om passordet ditt",
                        "text": "<p>IT-avdelingen vil aldri be deg oppgi passordet ditt, verken "
                        "på e-post, telefon eller i en chat.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "ren-pult-og-last-skjerm",
            "title": "Ren pult og låst skjerm",
            "summary": "Små vaner som hindrer at uvedkommende ser det de ikke skal.",
            "body": [
                (
                    "video",
                    {
                        "film": "flower",
                        "title": "Film: Ren pult",
                        "transcript": FLOWER_TRANSCRIPT,
                    },
                ),
                ("text", FILM_NOTE),
                (
                    "text",
                    "<h2>Før du går fra plassen</h2>"
                    "<ul>"
                    "<li>Lås skjermen med Windows-tasten + L.</li>"
                    "<li>Legg papirer med personopplysninger i en låst skuff.</li>"
                    "<li>Hent utskrifter med en gang – bruk sikker utskrift med kort eller kode "
                    "der det finnes.</li>"
                    "<li>Makuler papirer du ikke lenger trenger; ikke kast dem i papirkurven.</li>"
                    "</ul>"
                    "<h2>På farten og på hjemmekontoret</h2>"
                    "<p>Pass på hvem som ser skjermen din på toget og i kafeen. Snakk ikke om "
                    "enkeltsaker i telefonen der andre kan høre. Hjemme gjelder de samme reglene: "
                    "familien skal ikke se saksdokumenter.</p>",
                ),
            ],
        },
        {
            "slug": "avvik-og-taushetsplikt",
            "title": "Meld avvik – og hold tett",
            "summary": "Hva et avvik er, hvorfor du skal melde det, og hva taushetsplikten betyr.",
            "body": [
                (
                    "text",
                    "<h2>Et avvik er ikke en skam</h2>"
                    "<p>Et avvik er alt som bryter med kommunens rutiner for informasjonssikkerhet: "
                    "en e-post til feil person, en mistet minnepinne, et vedlegg med "
                    "fødselsnummer på en åpen nettside. Feil skjer. Det som er farlig, er feil "
                    "ingen får vite om.</p>"
                    "<p>Meld avviket i kommunens avvikssystem med en gang, og si fra til lederen "
                    "din. Når personopplysninger er på avveie, har kommunen bare 72 timer på seg "
                    "til å varsle Datatilsynet.</p>"
                    "<h2>Personopplysninger</h2>"
                    "<p>Personopplysninger er alt som kan knyttes til en person: navn, "
                    "fødselsnummer, adresse, helse, økonomi. Bruk dem bare til det du trenger i "
                    "jobben, og bare i systemene kommunen har godkjent. Ikke slå opp i saker du "
                    "ikke jobber med – heller ikke om naboen eller en kjendis.</p>"
                    "<h2>Taushetsplikt</h2>"
                    "<p>Du har taushetsplikt om personlige forhold du får vite om i jobben. Den "
                    "gjelder overfor alle som ikke trenger opplysningene i arbeidet – også venner, "
                    "familie og kolleger i andre avdelinger – og den gjelder også etter at du har "
                    "sluttet.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Husk",
                        "text": "<p>Det er ingen som blir straffet for å melde et avvik. Det er "
                        "slik kommunen lærer og blir tryggere.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "test-deg-selv",
            "title": "Test deg selv",
            "summary": "Fem spørsmål fra en vanlig arbeidsdag.",
            "body": [
                (
                    "text",
                    "<p>Hva ville du gjort? Du får forklaring på hvert svar.</p>",
                ),
                ("quiz", INFOSEC_QUIZ),
            ],
        },
    ],
}


# --------------------------------------------------------------------------
# Prosjekt- og porteføljestyring i kommunen
# --------------------------------------------------------------------------

PORTFOLIO_QUIZ = {
    "title": "Test deg selv: Prosjekt- og porteføljestyring",
    "intro": "Fire spørsmål. Du trenger 75 prosent riktige svar for å bestå.",
    "pass_mark": 75,
    "questions": [
        {
            "text": "Hva skiller et prosjekt fra vanlig drift?",
            "multiple": False,
            "explanation": "Et prosjekt er en midlertidig organisering for å levere en avtalt endring innen tid, kostnad og kvalitet.",
            "choices": [
                {
                    "text": "Det er midlertidig, har et avgrenset mål og en egen organisering",
                    "correct": True,
                    "feedback": "Riktig. Når målet er nådd, avsluttes prosjektet og resultatet overføres til linjen.",
                },
                {
                    "text": "Det er alltid dyrere enn én million kroner",
                    "correct": False,
                    "feedback": "Nei. Størrelse avgjør ikke; det er midlertidigheten og målet som gjør det til et prosjekt.",
                },
                {
                    "text": "Det ledes alltid av en ekstern konsulent",
                    "correct": False,
                    "feedback": "Nei. De fleste kommunale prosjekter ledes av egne ansatte.",
                },
            ],
        },
        {
            "text": "Hvem eier gevinstene i et prosjekt?",
            "multiple": False,
            "explanation": "Gevinstene tas ut i linjen etter at prosjektet er avsluttet. Derfor eies de av prosjekteier og linjelederne som skal ta dem ut.",
            "choices": [
                {
                    "text": "Prosjekteier og lederne i linjen som skal ta dem ut",
                    "correct": True,
                    "feedback": "Riktig. Prosjektet leverer endringen; linjen høster gevinsten.",
                },
                {
                    "text": "Prosjektlederen",
                    "correct": False,
                    "feedback": "Nei. Prosjektlederen er som regel ferdig før gevinstene kommer.",
                },
                {
                    "text": "Leverandøren",
                    "correct": False,
                    "feedback": "Nei. Leverandøren leverer en løsning, men gevinsten tas ut hos kommunen.",
                },
            ],
        },
        {
            "text": "Hva bør et prosjektmandat inneholde?",
            "multiple": True,
            "explanation": "Mandatet sier hvorfor prosjektet finnes, hva det skal levere, innen hvilke rammer og hvem som bestemmer.",
            "choices": [
                {
                    "text": "Mål og forventede gevinster",
                    "correct": True,
                    "feedback": "Riktig. Uten mål vet ingen når prosjektet er ferdig.",
                },
                {
                    "text": "Rammer for tid og kostnad",
                    "correct": True,
                    "feedback": "Riktig. Rammene gjør det mulig å følge opp prosjektet.",
                },
                {
                    "text": "Roller og hvem som tar beslutninger",
                    "correct": True,
                    "feedback": "Riktig. Alle må vite hvem som bestemmer hva.",
                },
                {
                    "text": "Den detaljerte møteplanen for hele prosjektet",
                    "correct": False,
                    "feedback": "Nei. Detaljplanen lager prosjektlederen senere; mandatet er en bestilling.",
                },
            ],
        },
        {
            "text": "Kommunen har flere gode prosjektforslag enn penger og folk. Hva hjelper porteføljestyring med?",
            "multiple": False,
            "explanation": "Porteføljestyring handler om å velge og prioritere de riktige prosjektene, ut fra strategi, gevinst og kapasitet.",
            "choices": [
                {
                    "text": "Å velge og prioritere de prosjektene som gir mest verdi for kommunen",
                    "correct": True,
                    "feedback": "Riktig. Det betyr også å si nei – eller «ikke nå» – til gode forslag.",
                },
                {
                    "text": "Å starte alle prosjektene samtidig, så ingen blir skuffet",
                    "correct": False,
                    "feedback": "Nei. Da blir ressursene spredt tynt, og mange prosjekter blir forsinket.",
                },
                {
                    "text": "Å la hver enhet bestemme selv",
                    "correct": False,
                    "feedback": "Nei. Porteføljen ser hele kommunen under ett, på tvers av enhetene.",
                },
            ],
        },
    ],
}

PORTFOLIO = {
    "slug": "prosjekt-og-portefoljestyring",
    "owner": "ks",
    "title": "Prosjekt- og porteføljestyring i kommunen",
    "topic": "portefoljestyring",
    "sharing": "everyone",
    "duration_minutes": 40,
    "audience": "Ledere, prosjektledere og alle som deltar i utviklingsprosjekter.",
    "intro": (
        "<p>Kommunene gjennomfører hvert år hundrevis av prosjekter: nye fagsystemer, "
        "velferdsteknologi, omorganiseringer. Kurset gir et felles språk for hvordan et prosjekt "
        "bestilles, styres og avsluttes – og hvordan kommunen velger de riktige prosjektene.</p>"
    ),
    "lessons": [
        {
            "slug": "prosjekt-eller-linje",
            "title": "Prosjekt eller linje?",
            "summary": "Når en oppgave bør organiseres som et prosjekt, og når den hører hjemme i driften.",
            "body": [
                (
                    "text",
                    "<h2>Linjen driver, prosjektet endrer</h2>"
                    "<p>Linjen er kommunens faste organisasjon: skolene, hjemmetjenesten, "
                    "byggesak. Den sørger for at tjenestene leveres hver dag. Et prosjekt er en "
                    "midlertidig organisasjon som skal levere en bestemt endring – for eksempel "
                    "å innføre et nytt journalsystem – og deretter avsluttes.</p>"
                    "<h2>Når lønner det seg med et prosjekt?</h2>"
                    "<ul>"
                    "<li>Oppgaven er ny, og ingen i linjen har den i dag.</li>"
                    "<li>Den går på tvers av flere enheter.</li>"
                    "<li>Den har et tydelig sluttpunkt.</li>"
                    "<li>Den er så stor eller risikofylt at den trenger egen styring.</li>"
                    "</ul>"
                    "<p>Små forbedringer som én enhet klarer selv, er ofte bedre som en del av "
                    "driften. Ikke alt trenger et prosjekt.</p>",
                ),
            ],
        },
        {
            "slug": "mandat-og-roller",
            "title": "Mandat og roller",
            "summary": "Hva et godt mandat inneholder, og hvem som gjør hva: prosjekteier, prosjektleder og styringsgruppe.",
            "body": [
                (
                    "text",
                    "<h2>Mandatet er bestillingen</h2>"
                    "<p>Et prosjekt starter med et mandat fra prosjekteier. Mandatet sier:</p>"
                    "<ul>"
                    "<li>hvorfor prosjektet skal gjennomføres (bakgrunn og behov),</li>"
                    "<li>hva det skal levere, og hvilke gevinster kommunen venter,</li>"
                    "<li>rammene: tid, kostnad og kvalitet,</li>"
                    "<li>hvem som deltar, og hvem som tar hvilke beslutninger.</li>"
                    "</ul>"
                    "<h2>Rollene</h2>"
                    "<ul>"
                    "<li><strong>Prosjekteier:</strong> Eier behovet og gevinstene, som regel en leder i "
                    "linjen. Gir mandatet, leder styringsgruppen og tar de store beslutningene.</li>"
                    "<li><strong>Styringsgruppe:</strong> Støtter prosjekteier, sikrer ressurser fra "
                    "linjen og godkjenner overganger mellom faser.</li>"
                    "<li><strong>Prosjektleder:</strong> Planlegger og leder arbeidet hver dag, innenfor "
                    "mandatet, og rapporterer til prosjekteier.</li>"
                    "<li><strong>Prosjektdeltakere:</strong> Fagfolk fra linjen og eventuelt leverandører "
                    "som gjør jobben.</li>"
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Når rammene ikke holder",
                        "text": "<p>Ser prosjektlederen at tid eller kostnad vil sprekke, skal "
                        "prosjekteier få vite det med en gang – ikke i sluttrapporten.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "gevinstrealisering",
            "title": "Gevinstrealisering",
            "summary": "Gevinster skjer ikke av seg selv. Slik planlegger og følger du dem opp.",
            "body": [
                (
                    "text",
                    "<h2>Fra leveranse til gevinst</h2>"
                    "<p>Et nytt system er ikke en gevinst. Gevinsten kommer når de ansatte "
                    "arbeider annerledes: færre telefoner, kortere saksbehandlingstid, bedre "
                    "tjenester. Den kommer i linjen, ofte lenge etter at prosjektet er "
                    "avsluttet.</p>"
                    "<h2>Fire steg</h2>"
                    "<ol>"
                    "<li><strong>Identifiser</strong> gevinstene tidlig, sammen med dem som skal "
                    "ta dem ut.</li>"
                    "<li><strong>Mål</strong> hvordan det er i dag, så du har noe å "
                    "sammenligne med.</li>"
                    "<li><strong>Planlegg</strong> hvem som gjør hva, og når gevinsten skal "
                    "måles.</li>"
                    "<li><strong>Følg opp</strong> etter at prosjektet er avsluttet, og rapporter "
                    "til prosjekteier.</li>"
                    "</ol>"
                    "<p>Gevinster kan være økonomiske (sparte kroner eller timer) eller "
                    "kvalitative (færre feil, mer fornøyde innbyggere). Begge deler teller.</p>",
                ),
            ],
        },
        {
            "slug": "portefoljestyring",
            "title": "Porteføljestyring: de riktige prosjektene",
            "summary": "Slik prioriterer kommunen mellom mange gode forslag.",
            "body": [
                (
                    "text",
                    "<h2>Prosjektstyring og porteføljestyring</h2>"
                    "<p>Prosjektstyring handler om å gjøre prosjektet riktig. Porteføljestyring "
                    "handler om å gjøre de riktige prosjektene. Porteføljen er alle prosjektene "
                    "kommunen har på gang og vurderer å starte.</p>"
                    "<h2>Slik prioriterer dere</h2>"
                    "<ul>"
                    "<li>Hvor godt støtter prosjektet kommuneplanen og strategiene?</li>"
                    "<li>Hvor store er gevinstene, og hvor sikre er de?</li>"
                    "<li>Hvor mye koster det, og hvem i linjen må bidra?</li>"
                    "<li>Hva er risikoen ved å gjøre det – og ved å la være?</li>"
                    "</ul>"
                    "<p>En porteføljegruppe, ofte kommunedirektørens ledergruppe, går gjennom "
                    "porteføljen jevnlig. Den starter, stanser og omprioriterer prosjekter, slik "
                    "at kommunen ikke har flere prosjekter på gang enn den har folk til.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "title": "Samarbeid lønner seg",
                        "text": "<p>Mange kommuner løser de samme oppgavene. Spør i regionen og i "
                        "KS før dere starter – kanskje noen allerede har gjort jobben.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "test-deg-selv",
            "title": "Test deg selv",
            "summary": "Fire spørsmål om prosjekter, gevinster og prioritering.",
            "body": [
                ("text", "<p>Svar på spørsmålene. Du får forklaring på hvert svar.</p>"),
                ("quiz", PORTFOLIO_QUIZ),
            ],
        },
    ],
}


# --------------------------------------------------------------------------
# Local courses
# --------------------------------------------------------------------------

KONGSBERG_WELCOME = {
    "slug": "velkommen-som-ny-medarbeider",
    "owner": "kongsberg",
    "title": "Velkommen som ny medarbeider i Kongsberg kommune",
    "topic": "ny-i-jobben",
    # Shared with the other municipalities in Kongsbergregionen.
    "sharing": "region",
    "region": "kongsbergregionen",
    "duration_minutes": 20,
    "audience": "Alle nyansatte i Kongsberg kommune og samarbeidskommunene i Kongsbergregionen.",
    "intro": (
        "<p>Velkommen! Dette kurset gir deg det du trenger de første ukene: hvem vi er, hvordan "
        "du kommer i gang med IT og HMS, og hvilke verdier vi jobber etter.</p>"
    ),
    "lessons": [
        {
            "slug": "om-kommunen",
            "title": "Om Kongsberg kommune",
            "summary": "Kommunen, organisasjonen og samarbeidet i regionen.",
            "body": [
                (
                    "text",
                    "<h2>Sølvbyen</h2>"
                    "<p>Kongsberg ligger i Buskerud og har rundt 28 000 innbyggere. Byen ble "
                    "grunnlagt etter sølvfunnene i 1623 og er i dag kjent for teknologi- og "
                    "industrimiljøet sitt.</p>"
                    "<h2>Organisasjonen</h2>"
                    "<p>Kommunen er organisert i sektorer, ledet av kommunedirektøren. Du hører "
                    "til en enhet med en nærmeste leder, som er den du går til med spørsmål om "
                    "arbeidstid, ferie og oppgaver.</p>"
                    "<h2>Kongsbergregionen</h2>"
                    "<p>Kongsberg samarbeider med nabokommunene i Kongsbergregionen om blant annet "
                    "innkjøp, IKT og kompetanse. Derfor er dette kurset også åpent for ansatte i "
                    "de andre kommunene i regionen.</p>",
                ),
            ],
        },
        {
            "slug": "de-forste-ukene",
            "title": "De første ukene",
            "summary": "IT-tilgang, HMS og hvor du finner rutinene.",
            "body": [
                (
                    "text",
                    "<h2>Sjekkliste</h2>"
                    "<ul>"
                    "<li>Logg inn på PC-en og sett opp tofaktorpålogging sammen med lederen "
                    "din.</li>"
                    "<li>Les rutinene for HMS og avvik i kvalitetssystemet.</li>"
                    "<li>Finn ut hvor nærmeste brannslukker, nødutgang og førstehjelpsutstyr "
                    "er.</li>"
                    "<li>Ta kurset «Informasjonssikkerhet i hverdagen» her på plattformen.</li>"
                    "<li>Avtal en oppfølgingssamtale med lederen din etter en måned.</li>"
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Spør!",
                        "text": "<p>Ingen forventer at du kan alt den første uka. Spør lederen, "
                        "fadderen din eller kollegene – det er slik vi vil ha det.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "verdier-og-etikk",
            "title": "Verdier og etikk",
            "summary": "Hvordan vi møter innbyggerne, og hva du gjør hvis noe ikke er som det skal.",
            "body": [
                (
                    "text",
                    "<h2>Vi er til for innbyggerne</h2>"
                    "<p>Alle ansatte i kommunen forvalter fellesskapets ressurser. Det betyr å "
                    "behandle alle likt, å si fra om egen inhabilitet, og å ikke ta imot gaver som "
                    "kan påvirke arbeidet ditt.</p>"
                    "<h2>Si fra</h2>"
                    "<p>Ser du noe som er ulovlig eller uetisk, har du rett til å varsle – og vi "
                    "vil at du gjør det. Du kan gå til lederen din, tillitsvalgt, verneombud eller "
                    "kommunens varslingskanal.</p>",
                ),
                (
                    "quiz",
                    {
                        "title": "Sjekk deg selv",
                        "intro": "To korte spørsmål. Du trenger begge riktige.",
                        "pass_mark": 100,
                        "questions": [
                            {
                                "text": "En leverandør vil gi deg en flaske vin etter et møte. Hva gjør du?",
                                "multiple": False,
                                "explanation": "Gaver som kan påvirke arbeidet ditt, skal du ikke ta imot.",
                                "choices": [
                                    {
                                        "text": "Takker nei",
                                        "correct": True,
                                        "feedback": "Riktig. Slik unngår du at noen tviler på at du er upartisk.",
                                    },
                                    {
                                        "text": "Tar imot, det er jo bare en flaske",
                                        "correct": False,
                                        "feedback": "Nei. Også små gaver kan skape bindinger.",
                                    },
                                ],
                            },
                            {
                                "text": "Hvem kan du si fra til om kritikkverdige forhold?",
                                "multiple": True,
                                "explanation": "Du kan varsle internt på flere måter.",
                                "choices": [
                                    {
                                        "text": "Nærmeste leder",
                                        "correct": True,
                                        "feedback": "Riktig.",
                                    },
                                    {
                                        "text": "Tillitsvalgt eller verneombud",
                                        "correct": True,
                                        "feedback": "Riktig.",
                                    },
                                    {
                                        "text": "Ingen – det er best å holde det for seg selv",
                                        "correct": False,
                                        "feedback": "Nei. Du har rett til å varsle, og kommunen vil vite det.",
                                    },
                                ],
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}

SORTLAND_HOME_CARE = {
    "slug": "dokumentasjon-i-hjemmetjenesten",
    "owner": "sortland",
    "title": "Dokumentasjon i hjemmetjenesten",
    "topic": "informasjonssikkerhet",
    # Sortland's own routines: for Sortland's employees only.
    "sharing": "own",
    "duration_minutes": 15,
    "audience": "Ansatte i hjemmetjenesten i Sortland kommune.",
    "intro": (
        "<p>Det du skriver i journalen, er det neste vakt bygger på. Kurset viser hva god "
        "dokumentasjon er, og hvordan du bruker nettbrettet trygt ute hos brukerne.</p>"
    ),
    "lessons": [
        {
            "slug": "hva-skal-dokumenteres",
            "title": "Hva skal dokumenteres?",
            "summary": "Det som er relevant og nødvendig for å gi forsvarlig hjelp.",
            "body": [
                (
                    "text",
                    "<h2>Relevant og nødvendig</h2>"
                    "<p>Skriv det kollegaene dine trenger for å gi brukeren forsvarlig hjelp: "
                    "endringer i helsetilstand, hva du har gjort, og hva som må følges opp. Skriv "
                    "kort og konkret, og skriv så snart du kan etter besøket.</p>"
                    "<ul>"
                    "<li>Ikke: «Bruker i fin form.»</li>"
                    "<li>Bedre: «Spiste halv porsjon middag. Sier hun er mindre sulten enn før. "
                    "Vekt kontrolleres fredag.»</li>"
                    "</ul>",
                ),
            ],
        },
        {
            "slug": "nettbrett-hos-brukeren",
            "title": "Nettbrettet hos brukeren",
            "summary": "Lås, avvik og taushetsplikt når journalen er med deg ut.",
            "body": [
                (
                    "text",
                    "<h2>Journalen i lomma</h2>"
                    "<ul>"
                    "<li>Lås nettbrettet når du legger det fra deg, også i bilen.</li>"
                    "<li>Ikke vis skjermen til pårørende eller naboer.</li>"
                    "<li>Mister du nettbrettet, meld avvik og ring IT med en gang, så kan det "
                    "sperres.</li>"
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Aldri på privat telefon",
                        "text": "<p>Bilder og notater om brukere skal aldri lagres på din private "
                        "telefon.</p>",
                    },
                ),
            ],
        },
        {
            "slug": "test-deg-selv",
            "title": "Test deg selv",
            "summary": "To spørsmål om dokumentasjon.",
            "body": [
                (
                    "quiz",
                    {
                        "title": "Sjekk deg selv",
                        "intro": "To spørsmål. Du trenger begge riktige.",
                        "pass_mark": 100,
                        "questions": [
                            {
                                "text": "Når bør du dokumentere et besøk?",
                                "multiple": False,
                                "explanation": "Jo før, jo mer presist – og neste vakt ser det med en gang.",
                                "choices": [
                                    {
                                        "text": "Så snart som mulig etter besøket",
                                        "correct": True,
                                        "feedback": "Riktig.",
                                    },
                                    {
                                        "text": "Ved slutten av uka",
                                        "correct": False,
                                        "feedback": "Nei. Da har du glemt detaljer, og kollegaene mangler informasjonen.",
                                    },
                                ],
                            },
                            {
                                "text": "Du har mistet nettbrettet. Hva gjør du?",
                                "multiple": True,
                                "explanation": "Et mistet nettbrett er et avvik; IT kan sperre det.",
                                "choices": [
                                    {
                                        "text": "Ringer IT så det kan sperres",
                                        "correct": True,
                                        "feedback": "Riktig.",
                                    },
                                    {
                                        "text": "Melder avvik",
                                        "correct": True,
                                        "feedback": "Riktig.",
                                    },
                                    {
                                        "text": "Venter til det dukker opp",
                                        "correct": False,
                                        "feedback": "Nei. Journalen kan være på avveie; det må meldes med en gang.",
                                    },
                                ],
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}

NATIONAL_COURSES = [SVARUT, INFOSEC, PORTFOLIO]
LOCAL_COURSES = [KONGSBERG_WELCOME, SORTLAND_HOME_CARE]
COURSES = NATIONAL_COURSES + LOCAL_COURSES
