"""The privacy notice and the accessibility statement: KS edits them in the
admin (snippets "Lovpålagte sider"); until then they read these defaults.
Both exist from the first request on: `legal_text` makes a missing one."""

from django.contrib.auth.models import Permission

from tenants.models import Organisation

from .models import LegalText

KS_SLUG = "ks"

DEFAULTS = {
    LegalText.Kind.PRIVACY: (
        "Personvernerklæring",
        "<p>Kompetanseplattformen drives av KS for kommunesektoren. Her står hvilke "
        "opplysninger vi behandler om deg, hvorfor, og hvilke rettigheter du har.</p>"
        "<h2>Behandlingsansvarlig</h2>"
        "<p>Arbeidsgiveren din (kommunen, fylkeskommunen eller samarbeidet du er ansatt i) "
        "er behandlingsansvarlig for opplysningene om opplæringen din. KS er "
        "databehandler og drifter plattformen, og er behandlingsansvarlig for de nasjonale "
        "tallene, som bare inneholder tall om grupper på minst fem personer.</p>"
        "<h2>Hva vi lagrer</h2>"
        "<ul><li>Kontoen din: navn, e-postadresse og språkvalg.</li>"
        "<li>Hvem du er ansatt hos, med enhet og stilling.</li>"
        "<li>Hvilke kurs du er påmeldt eller tildelt, hvor langt du har kommet, "
        "quizresultater, fullføringer og kursbevis.</li>"
        "<li>Hendelser fra kursene (for eksempel at du har lest en leksjon eller sett en "
        "film), som vi bruker til å regne ut fremdriften din.</li>"
        "<li>En logg over hvem som har sett på eller eksportert opplæringen din.</li></ul>"
        "<h2>Formål og grunnlag</h2>"
        "<p>Opplysningene brukes for at du skal kunne ta kurs, for at arbeidsgiveren din "
        "skal kunne følge opp pålagt opplæring, og til anonym statistikk for sektoren. "
        "Grunnlaget er arbeidsgiverens rettslige plikter og allmennhetens interesse "
        "(personvernforordningen artikkel 6 nr. 1 bokstav c og e).</p>"
        "<h2>Hvor lenge</h2>"
        "<p>Hendelsene fra kursene slettes etter fem år; fullføringer og kursbevis beholdes "
        "så lenge kontoen din finnes. Sletter du kontoen, slettes personopplysningene dine, "
        "og opplæringen din finnes bare igjen som anonyme tall.</p>"
        "<h2>Rettighetene dine</h2>"
        "<p>Under «Mine data» kan du laste ned alt vi har lagret om deg (JSON og CSV) og "
        "slette kontoen din. Du kan også be om innsyn, retting eller begrensning hos "
        "arbeidsgiveren din, og klage til Datatilsynet.</p>"
        "<h2>Informasjonskapsler</h2>"
        "<p>Vi bruker bare nødvendige informasjonskapsler: for innlogging, skjemaer og "
        "språkvalget ditt. Ingen analyseverktøy eller tredjeparter.</p>",
    ),
    LegalText.Kind.ACCESSIBILITY: (
        "Tilgjengelighetserklæring",
        "<p>KS ønsker at alle skal kunne bruke Kompetanseplattformen. Nettstedet skal "
        "oppfylle kravene i forskrift om universell utforming av IKT-løsninger, som viser "
        "til WCAG 2.1 på nivå AA.</p>"
        "<h2>Slik har vi testet</h2>"
        "<p>Sidene for deg som tar kurs testes automatisk med axe-core i en nettleser hver "
        "gang koden endres, og manuelt med tastatur og skjermleser. Filmene i kursene har "
        "teksting.</p>"
        "<h2>Kjente mangler</h2>"
        "<p>Innhold som kommunene selv legger inn (dokumenter, filmer og innebygd innhold "
        "fra andre tjenester) kan ha mangler vi ikke har oppdaget. Administrasjonsdelen "
        "(Wagtail) er ikke like grundig testet som sidene for deg som tar kurs.</p>"
        "<h2>Gi oss tilbakemelding</h2>"
        "<p>Møter du en barriere, vil vi gjerne høre om det. Ta kontakt med KS, så svarer "
        "vi så snart vi kan. Får du ikke svar, eller er du ikke fornøyd med svaret, kan du "
        "klage til Digitaliseringsdirektoratet (tilsynet for universell utforming av IKT) "
        "på uustatus.no.</p>",
    ),
}


def legal_text(kind):
    """The page of this kind, made with the default text if it is missing."""
    title, body = DEFAULTS[kind]
    text, _ = LegalText.objects.get_or_create(kind=kind, defaults={"title": title, "body": body})
    return text


def ensure_legal_texts():
    """Both pages exist, and KS's editors and admins may edit them (Wagtail's
    snippet permissions). Safe to run again."""
    for kind in LegalText.Kind:
        legal_text(kind)
    ks = Organisation.objects.filter(slug=KS_SLUG).first()
    if ks is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="privacy",
        codename__in=["view_legaltext", "change_legaltext"],
    )
    for group in (ks.editors_group, ks.admins_group):
        if group is not None:
            group.permissions.add(*permissions)
