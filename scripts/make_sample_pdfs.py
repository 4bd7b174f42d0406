#!/usr/bin/env python3
"""Generate the multi-page PDF documents of the embedded offline sample corpus.

The texts below are original write-ups of publicly reported military-diplomacy
events, laid out as think-tank working papers: a running header and a
"Page N of M" style footer on every page, a title block with the publication
date on page 1, and document metadata (title, author, subject, language,
creation date = publication date).

Output is deterministic: running the script twice with the same fpdf2 version
produces byte-identical files, because the creation date is set explicitly and
only the core Helvetica font (latin-1 text) is used.

Usage (from the repository root):

    .venv/bin/python scripts/make_sample_pdfs.py

The PDFs are written to sources/samples/ and are listed in sources/samples.yaml.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "sources" / "samples"

# Core PDF fonts only cover latin-1; keep the source text ASCII-safe for
# typographic punctuation.
_REPLACEMENTS = {
    "\u2013": "-",
    "\u2014": " - ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u00a0": " ",
}


def latin1(text: str) -> str:
    for bad, good in _REPLACEMENTS.items():
        text = text.replace(bad, good)
    text.encode("latin-1")  # fail loudly on anything the core fonts cannot show
    return text


@dataclass
class Paper:
    filename: str
    lang: str
    running_header: str
    page_label: str  # format string with {n} and {m}
    title: str
    subtitle: str
    authors: str
    date_line: str
    published: datetime
    subject: str
    keywords: str
    abstract_label: str
    abstract: str
    # body: list of ("h", heading) or ("p", paragraph)
    body: list[tuple[str, str]] = field(default_factory=list)
    closing_note: str = ""


class PaperPDF(FPDF):
    def __init__(self, paper: Paper) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.paper = paper
        self.set_margins(left=22, top=24, right=22)
        self.set_auto_page_break(auto=True, margin=22)

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8.5)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin, 10)
        self.cell(0, 5, latin1(self.paper.running_header), align="L")
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y() - 1, self.w - self.r_margin, self.get_y() - 1)
        self.set_font("Helvetica", "", 8.5)
        self.set_text_color(90, 90, 90)
        label = self.paper.page_label.format(n=self.page_no(), m="{nb}")
        self.cell(0, 8, latin1(label), align="C")
        self.set_text_color(0, 0, 0)


def render(paper: Paper) -> Path:
    pdf = PaperPDF(paper)
    pdf.set_title(latin1(paper.title))
    pdf.set_author(latin1(paper.authors))
    pdf.set_subject(latin1(paper.subject))
    pdf.set_keywords(latin1(paper.keywords))
    pdf.set_creator("scripts/make_sample_pdfs.py")
    pdf.set_lang(paper.lang)
    pdf.set_creation_date(paper.published)

    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("Helvetica", "B", 17)
    pdf.multi_cell(width, 8, latin1(paper.title), align="L")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(width, 6, latin1(paper.subtitle), align="L")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.multi_cell(width, 5.5, latin1(paper.authors), align="L")
    pdf.set_font("Helvetica", "", 10.5)
    pdf.multi_cell(width, 5.5, latin1(paper.date_line), align="L")
    pdf.ln(4)

    pdf.set_fill_color(238, 238, 238)
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(width, 5.5, latin1(paper.abstract_label), align="L", fill=True)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(width, 5.2, latin1(paper.abstract), align="J", fill=True)
    pdf.ln(5)

    for kind, text in paper.body:
        if kind == "h":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(width, 6.5, latin1(text), align="L")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(width, 6.6, latin1(text), align="J")
            pdf.ln(3.5)
        else:  # pragma: no cover - guard against typos in the data below
            raise ValueError(f"unknown block kind {kind!r}")

    if paper.closing_note:
        pdf.ln(3)
        pdf.set_font("Helvetica", "I", 9)
        pdf.multi_cell(width, 4.8, latin1(paper.closing_note), align="L")

    out = OUT_DIR / paper.filename
    pdf.output(str(out))
    return out


# ---------------------------------------------------------------------------
# Document 1 (English): Chinese naval diplomacy 2011-2013
# ---------------------------------------------------------------------------
WP12 = Paper(
    filename="ihms-wp12-chinese-naval-diplomacy.pdf",
    lang="en",
    running_header="Institute for Hemispheric Maritime Studies - Working Paper 12",
    page_label="Page {n} of {m}",
    title="White Hulls and Grey Hulls: Chinese Naval Diplomacy in Latin America "
    "and the Caribbean, 2011-2013",
    subtitle="How a hospital ship and a small surface task group opened a new "
    "chapter in the PLA Navy's engagement with the Western Hemisphere",
    authors="Helen Marsh and Rafael Quintero",
    date_line="Published 17 March 2014",
    published=datetime(2014, 3, 17, 9, 0, 0, tzinfo=UTC),
    subject="Working paper on PLA Navy port calls and exercises in Latin America and the Caribbean",
    keywords="PLA Navy, Peace Ark, naval diplomacy, Cuba, Brazil, Argentina",
    abstract_label="Summary",
    abstract=(
        "Between 2011 and 2013 the navy of the People's Liberation Army sent two very "
        "different kinds of ships to Latin America and the Caribbean: a hospital ship "
        "offering free medical care, and a task group of warships that sailed around "
        "South America. This paper reconstructs the main stops of both deployments, "
        "places them in the context of China's wider outreach to the region and asks "
        "what, if anything, they changed. We argue that the visits were carefully "
        "calibrated signals of presence rather than the first steps of a permanent "
        "naval footprint, and we suggest indicators that would reveal a change in that "
        "assessment."
    ),
    body=[
        ("h", "1. Introduction"),
        (
            "p",
            "For most of the past half century, the only navies that routinely crossed the "
            "Pacific or the Atlantic to visit Latin American ports were those of the "
            "United States and a handful of European powers. That began to change in the "
            "autumn of 2011. The Chinese navy hospital ship Peace Ark arrived in Havana, "
            "Cuba, on 21 October 2011, the first stop of a four-nation deployment to the "
            "Caribbean and Central America, and remained in the Cuban capital for five days "
            "of medical exchanges with local doctors.",
        ),
        (
            "p",
            "China's relations with the region were, by then, already dense in trade and "
            "finance. Chinese demand for soybeans, copper and iron ore had transformed the "
            "export profiles of several South American economies, and Chinese banks had "
            "become significant lenders to governments that found Western capital markets "
            "closed to them. The military dimension had lagged far behind. Defense contacts "
            "consisted mainly of reciprocal visits by senior officers, a modest flow of "
            "Latin American students to Chinese military schools and occasional donations "
            "of non-lethal equipment.",
        ),
        (
            "p",
            "Naval visits matter because they are the most visible form of military "
            "diplomacy. A warship in a foreign harbour is seen by thousands of people, "
            "photographed by the press and discussed in parliaments. It is also, in "
            "logistical terms, a demanding undertaking for a navy that until recently had "
            "little experience of long-range deployments outside its own region.",
        ),
        ("h", "2. The white hull: the Peace Ark in the Caribbean"),
        (
            "p",
            "The Peace Ark is a purpose-built hospital ship that entered service in the "
            "late 2000s. Its voyages are branded as humanitarian missions, and the ship "
            "carries a large medical team, operating theatres and a helicopter for "
            "transferring patients. Its arrival in Havana was marked by a formal welcome, "
            "speeches stressing friendship between the two peoples and an exchange of "
            "views on traditional medicine, a field in which Cuban physicians showed "
            "particular interest.",
        ),
        (
            "p",
            "The choice of Cuba as the first stop was hardly accidental. Havana has been "
            "Beijing's most consistent political partner in the hemisphere, and a first "
            "call there carried little diplomatic risk. The remaining stops of the "
            "deployment took the ship to English- and Spanish-speaking countries that had "
            "recognised Beijing rather than Taipei, reinforcing the message that "
            "diplomatic recognition brings tangible benefits.",
        ),
        (
            "p",
            "Public reaction in the host countries was overwhelmingly positive. Long "
            "queues formed at the quays, local media covered the surgeries performed on "
            "board, and governments thanked China for its generosity. Critics noted that "
            "a few thousand consultations could not substitute for sustained investment "
            "in public health, but few questioned the goodwill generated by the visits.",
        ),
        (
            "p",
            "From a naval point of view, the mission was also a test of endurance. The "
            "ship spent more than three months away from its home port, relying on "
            "commercial ports and diplomatic clearances for fuel, water and provisions. "
            "The experience would prove useful two years later, when the PLA Navy "
            "attempted a more ambitious voyage with warships.",
        ),
        ("h", "3. The grey hulls: a task group around South America"),
        (
            "p",
            "In early September 2013 a task group composed of the guided-missile "
            "destroyer Lanzhou, the frigate Liuzhou and the supply ship Poyanghu sailed "
            "from Sanya, on Hainan island, on a voyage that would take it across the South "
            "Pacific, through the Strait of Magellan and into the South Atlantic. The group "
            "was commanded by a rear admiral from the South Sea Fleet and carried more "
            "than six hundred officers and sailors.",
        ),
        (
            "p",
            "After a stop on the Pacific coast of the continent, the ships rounded the "
            "southern tip of South America. In October 2013 the task group berthed at Pier "
            "Mauá in Rio de Janeiro, the first visit by PLA Navy warships to Brazil's "
            "second city. The welcome included a samba percussion group, members of the "
            "local Chinese community and long lines of residents waiting to go on board.",
        ),
        (
            "p",
            "On 26 October 2013 the destroyer Lanzhou and the frigate Liuzhou put to sea "
            "with the Brazilian frigate Constituição and the offshore patrol vessel Apa for "
            "a joint exercise off Rio de Janeiro, the first such drill between the two "
            "navies. The programme included formation manoeuvres, the escort of a "
            "high-value unit and cross-deck helicopter landings; a planned simulated air "
            "attack was cancelled because of poor weather.",
        ),
        (
            "p",
            "The exercise was modest by any standard, but it was politically significant. "
            "Brazil maintains close naval ties with the United States and takes part every "
            "year in multinational exercises led by Washington. Agreeing to drill with a "
            "Chinese task group, however briefly, signalled that Brasilia intended to keep "
            "its options open and to treat China as one partner among many.",
        ),
        ("h", "4. Buenos Aires: a first for Argentina"),
        (
            "p",
            "The task group arrived in Buenos Aires on 30 October 2013 for a five-day "
            "visit, the first call ever made by Chinese warships in Argentina. The ships "
            "were opened to the public, and their crews took part in receptions, sporting "
            "events and visits to Argentine naval units before sailing for home in early "
            "November.",
        ),
        (
            "p",
            "The symbolism was not lost on observers. Commercial vessels of China Shipping "
            "and other Chinese lines had long been familiar sights in the River Plate; "
            "grey hulls flying the PLA Navy ensign were not. For the Argentine government "
            "of the day, which was seeking Chinese investment and financing, the visit was "
            "a welcome gesture of partnership. For British and American commentators, it "
            "raised questions about Chinese interest in the South Atlantic.",
        ),
        (
            "p",
            "Those concerns, in our view, were overstated at the time. The task group did "
            "not establish any logistical arrangement that outlasted its stay, and it left "
            "behind no permanent presence. Its main achievement was to demonstrate that the "
            "PLA Navy could sustain a small surface group on the far side of the world for "
            "several months.",
        ),
        ("h", "5. Assessment"),
        (
            "p",
            "Taken together, the two deployments illustrate the dual character of Chinese "
            "naval diplomacy in the hemisphere. The hospital ship projects benevolence and "
            "generates positive media coverage at low political cost. The warship visits "
            "project capability and remind regional navies that China is now an "
            "oceangoing power. Both are cheap compared with the sustained presence "
            "maintained by the United States through its Fourth Fleet, its annual "
            "exercises and its training programmes.",
        ),
        (
            "p",
            "We therefore caution against reading the visits as evidence of an imminent "
            "Chinese naval presence in the Americas. The relevant indicators would be "
            "different: regular rather than one-off deployments, agreements on "
            "replenishment or maintenance in Latin American ports, recurring bilateral "
            "exercises and a growing number of Latin American naval officers trained in "
            "Chinese institutions. None of these was present in 2013.",
        ),
        (
            "p",
            "Regional navies should nonetheless prepare for more frequent visits. They "
            "would be well advised to develop common protocols for receiving extra-regional "
            "warships, to share information among themselves about such deployments and to "
            "insist on reciprocity, so that their own training ships and officers gain "
            "access to Chinese ports and academies on equal terms.",
        ),
        (
            "p",
            "Finally, researchers should be careful with the data. Port calls are easy to "
            "count and easy to chart, but a five-day visit by a hospital ship and a "
            "permanent replenishment arrangement are not events of the same order. "
            "Datasets that weight them equally will exaggerate trends in both directions, "
            "and policy built on such datasets will tend to overreact to symbolism while "
            "missing the slower institutional changes that actually shape military "
            "relationships.",
        ),
    ],
    closing_note=(
        "The Institute for Hemispheric Maritime Studies is an independent research "
        "centre. Working Papers present research in progress; the views expressed are "
        "those of the authors."
    ),
)

# ---------------------------------------------------------------------------
# Document 2 (Spanish): military education and exercises in the South Pacific
# ---------------------------------------------------------------------------
DT7 = Paper(
    filename="ceps-dt7-formacion-militar-pacifico.pdf",
    lang="es",
    running_header="Centro de Estudios del Pacífico Sur - Documento de Trabajo N.º 7",
    page_label="Página {n} de {m}",
    title="Aulas, puertos y maniobras: la formación militar en la competencia entre "
    "China y Estados Unidos en el Pacífico sudamericano",
    subtitle="Notas sobre Chile y Perú a partir de tres episodios de cooperación "
    "educativa y operativa",
    authors="Paulina Aránguiz Rivas y Martín Cáceres Ugarte",
    date_line="Santiago, 10 de diciembre de 2025",
    published=datetime(2025, 12, 10, 12, 0, 0, tzinfo=UTC),
    subject="Documento de trabajo sobre cooperación educativa y ejercicios navales "
    "de China y Estados Unidos con Chile y Perú",
    keywords="formación militar, Universidad de Defensa Nacional, UNITAS, CAEN, Chile, Perú",
    abstract_label="Resumen",
    abstract=(
        "La formación de oficiales es una de las herramientas menos visibles y más "
        "duraderas de la diplomacia de defensa. Este documento examina cómo China y "
        "Estados Unidos la emplean en el Pacífico sudamericano, con atención especial a "
        "Chile y Perú. A partir de tres episodios concretos, sostenemos que la oferta "
        "china se ha diversificado desde los cursos para oficiales superiores hacia los "
        "intercambios entre instituciones académicas, mientras que la ventaja "
        "estadounidense sigue descansando en el entrenamiento operativo combinado."
    ),
    body=[
        ("h", "1. Introducción"),
        (
            "p",
            "Los estudios sobre la presencia china en América Latina suelen concentrarse en "
            "el comercio, la inversión y, en el ámbito de la defensa, en las ventas de "
            "armamento y las visitas de buques. La formación de oficiales recibe mucha "
            "menos atención, pese a que sus efectos se prolongan durante décadas: quien "
            "estudia en el extranjero como capitán puede llegar a comandante en jefe veinte "
            "años después.",
        ),
        (
            "p",
            "Un ejemplo temprano ilustra el formato tradicional de la oferta china. El 12 "
            "de julio de 2012, dos oficiales chilenos, un capitán de fragata de la Armada y "
            "un comandante de escuadrilla de la Fuerza Aérea, egresaron del 55.º Curso "
            "Superior de Mando y Seguridad Nacional de la Universidad de Defensa Nacional "
            "del Ejército Popular de Liberación, en Beijing. El curso, de cuatro meses, "
            "reunió a 25 oficiales de más de diez países latinoamericanos y "
            "africanos.",
        ),
        (
            "p",
            "El programa combinaba asignaturas sobre estrategia, pensamiento militar y "
            "empleo de la fuerza con un componente importante de estudios sobre China e "
            "introducción al idioma mandarín, además de visitas a unidades militares y "
            "sitios históricos. Los egresados recibieron una condecoración del Ministerio de "
            "Defensa Nacional chino, un gesto que subraya el carácter diplomático del curso.",
        ),
        (
            "p",
            "Este tipo de cursos tiene rasgos característicos. Están pensados para "
            "oficiales superiores, se dictan con traducción al español, privilegian la "
            "exposición de la visión china del mundo por sobre la instrucción técnica y "
            "generan redes de exalumnos que Beijing cultiva mediante invitaciones "
            "posteriores. Su costo para los países emisores es prácticamente nulo.",
        ),
        ("h", "2. La ventaja estadounidense: el entrenamiento combinado"),
        (
            "p",
            "Estados Unidos ofrece también cursos de nivel estratégico, pero su influencia "
            "más profunda se construye en el terreno operativo. Las armadas de la región "
            "comparten con la estadounidense procedimientos, sistemas de comunicaciones y "
            "una larga tradición de ejercicios combinados, de los cuales UNITAS es el más "
            "conocido.",
        ),
        (
            "p",
            "Entre el 24 de junio y el 3 de julio de 2019, la Armada de Chile fue "
            "anfitriona de UNITAS LX en aguas comprendidas entre Valparaíso y Coquimbo, con "
            "la participación de unidades de Colombia, Ecuador, Estados Unidos y Perú. El "
            "escenario simuló un conflicto entre dos Estados que obligaba a desplegar una "
            "fuerza multinacional, la que debía cambiar de misión tras un terremoto de gran "
            "magnitud y apoyar a la población afectada.",
        ),
        (
            "p",
            "La lógica de estos ejercicios es distinta de la de los cursos en Beijing. No "
            "se trata de exponer a los oficiales a una cosmovisión, sino de lograr que "
            "tripulaciones de distintos países puedan operar juntas con procedimientos "
            "comunes. Esa interoperabilidad es un activo que China, por ahora, no puede "
            "replicar en la región: no realiza ejercicios navales regulares con las "
            "armadas del Pacífico sudamericano ni comparte con ellas sistemas de armas o "
            "doctrina.",
        ),
        (
            "p",
            "A ello se suma el peso de las escuelas estadounidenses. Cada año, decenas de "
            "oficiales chilenos y peruanos asisten a cursos de estado mayor, escuelas de "
            "guerra y programas técnicos en Estados Unidos, y muchos de los altos mandos "
            "actuales de ambos países pasaron por ellos.",
        ),
        (
            "p",
            "En el caso peruano, la relación con Estados Unidos incluye además una larga "
            "cooperación en la lucha contra el narcotráfico, en la que la capacitación de "
            "personal y la entrega de equipamiento han sido constantes. Esa cooperación "
            "crea vínculos cotidianos entre unidades que ningún curso de pocas semanas "
            "puede reemplazar.",
        ),
        (
            "p",
            "Beijing, por su parte, ha combinado sus cursos con invitaciones a "
            "delegaciones de alto nivel y con donaciones de equipamiento no letal, sin "
            "buscar hasta ahora una presencia operativa permanente en el Pacífico "
            "sudamericano. Su apuesta es de largo plazo y descansa en la acumulación de "
            "contactos personales antes que en la interoperabilidad.",
        ),
        ("h", "3. La nueva oferta china: intercambios entre instituciones"),
        (
            "p",
            "En los últimos años la oferta china ha incorporado un formato adicional: los "
            "intercambios entre instituciones académicas de defensa, que involucran no solo "
            "a oficiales en servicio sino también a civiles, docentes y estudiantes de "
            "posgrado.",
        ),
        (
            "p",
            "Este giro responde en parte a la reorganización del propio sistema de "
            "educación militar chino, que ha concentrado la enseñanza para extranjeros en "
            "un colegio internacional con programas de distinta duración, desde seminarios "
            "de pocas semanas hasta maestrías de un año, y que recurre cada vez más a "
            "docentes capaces de enseñar en español.",
        ),
        (
            "p",
            "Del 17 al 22 de noviembre de 2025, una delegación de docentes y alumnos de "
            "doctorado del Centro de Altos Estudios Nacionales (CAEN) del Perú realizó una "
            "visita académica a la Universidad de Defensa Nacional del Ejército Popular de "
            "Liberación, en Beijing. El programa incluyó sesiones de trabajo con "
            "especialistas chinos en economía y estrategia y recorridos por instituciones "
            "vinculadas a la tecnología.",
        ),
        (
            "p",
            "Este formato amplía el público objetivo de la diplomacia de defensa china. Al "
            "incluir a civiles que luego ocuparán cargos en ministerios, universidades y "
            "centros de pensamiento, Beijing busca influir en la conversación nacional "
            "sobre defensa y no solo en las Fuerzas Armadas. Para las instituciones "
            "latinoamericanas, a su vez, estas visitas ofrecen acceso a debates y "
            "tecnologías que rara vez encuentran en otros destinos.",
        ),
        ("h", "4. Conclusiones y recomendaciones"),
        (
            "p",
            "La competencia entre China y Estados Unidos en el ámbito de la formación "
            "militar no es un juego de suma cero. Chile y Perú mantienen vínculos sólidos "
            "con ambas potencias y han sabido aprovechar las oportunidades que cada una "
            "ofrece. El riesgo no está en la participación en cursos o visitas, sino en la "
            "falta de una política nacional que defina qué se busca obtener de ellos.",
        ),
        (
            "p",
            "Recomendamos, en primer lugar, que los ministerios de Defensa publiquen "
            "anualmente el número de oficiales y civiles que estudian en el extranjero, "
            "desagregado por país e institución. En segundo lugar, que se evalúe "
            "sistemáticamente el aprovechamiento de esa formación a la vuelta de los "
            "alumnos. Y, en tercer lugar, que los intercambios académicos se rijan por "
            "criterios de reciprocidad, de modo que las instituciones chilenas y peruanas "
            "también reciban a estudiantes y docentes extranjeros.",
        ),
        (
            "p",
            "Una política de este tipo permitiría a los países del Pacífico sudamericano "
            "beneficiarse de la competencia entre las grandes potencias sin quedar "
            "atrapados en ella, y reforzaría la capacidad civil de conducción de la "
            "defensa, que sigue siendo una tarea pendiente en la región.",
        ),
    ],
    closing_note=(
        "El Centro de Estudios del Pacífico Sur es una organización académica "
        "independiente. Los Documentos de Trabajo difunden investigaciones en curso; las "
        "opiniones expresadas son de exclusiva responsabilidad de sus autores."
    ),
)

# ---------------------------------------------------------------------------
# Document 3 (Portuguese): Brazil between Washington and Beijing
# ---------------------------------------------------------------------------
BOLETIM9 = Paper(
    filename="nedsi-boletim9-brasil-eua-china.pdf",
    lang="pt",
    running_header="Núcleo de Estudos de Defesa e Segurança Internacional - "
    "Boletim de Conjuntura n.º 9",
    page_label="Página {n} de {m}",
    title="Entre Washington e Pequim: a agenda de cooperação em defesa do Brasil, 2022-2025",
    subtitle="Exercícios, visitas e o equilíbrio entre duas potências",
    authors="Beatriz Lacerda e Otávio Rangel",
    date_line="Rio de Janeiro, 16 de junho de 2025",
    published=datetime(2025, 6, 16, 12, 0, 0, tzinfo=UTC),
    subject="Boletim de conjuntura sobre a cooperação em defesa do Brasil com os "
    "Estados Unidos e a China",
    keywords="Brasil, Estados Unidos, China, Operação Formosa, UNITAS, Comando Sul",
    abstract_label="Resumo",
    abstract=(
        "Este boletim analisa a evolução recente da cooperação em defesa do Brasil com "
        "os Estados Unidos e a China. A partir de exercícios militares e visitas de alto "
        "nível, argumentamos que o país pratica uma política de equilíbrio: aprofunda "
        "laços operacionais históricos com Washington enquanto abre espaço, de forma "
        "cuidadosa e simbólica, para a presença chinesa."
    ),
    body=[
        ("h", "1. Um marco no cerrado"),
        (
            "p",
            "Entre 4 e 17 de setembro de 2024, a Operação Formosa, conduzida pelo Corpo de "
            "Fuzileiros Navais da Marinha do Brasil no Campo de Instrução de Formosa, em "
            "Goiás, reuniu pela primeira vez tropas dos Estados Unidos e da China ao lado "
            "de militares brasileiros. Cerca de três mil brasileiros participaram do "
            "exercício, ao lado de algumas dezenas de fuzileiros de cada uma das duas "
            "potências.",
        ),
        (
            "p",
            "O exercício, realizado anualmente desde o fim da década de 1980, envolve "
            "apoio de fogo, controle do espaço aéreo, defesa química, biológica e nuclear e "
            "simulações de assalto anfíbio. A edição de 2024 ficou marcada também pela "
            "primeira participação de mulheres fuzileiras navais como combatentes.",
        ),
        (
            "p",
            "A presença simultânea de norte-americanos e chineses no mesmo campo de "
            "instrução teve enorme valor simbólico. Para a Marinha, tratou-se de uma "
            "oportunidade de intercâmbio de experiências com duas nações amigas; para "
            "observadores estrangeiros, foi a demonstração mais clara até agora de que o "
            "Brasil não pretende escolher entre Washington e Pequim.",
        ),
        (
            "p",
            "A relação com a China, contudo, permanece muito mais rasa que a com os "
            "Estados Unidos. O número de oficiais brasileiros em escolas militares chinesas "
            "é pequeno, não há compras relevantes de armamento chinês e a doutrina das "
            "Forças Armadas continua essencialmente ocidental.",
        ),
        ("h", "2. Uma aproximação gradual"),
        (
            "p",
            "A participação chinesa não surgiu do nada. Na edição de 2023 da Operação "
            "Formosa, a China enviou apenas observadores, enquanto os Estados Unidos já "
            "participavam com uma fração de tropa. Segundo relatos da imprensa, a "
            "disputa silenciosa entre as duas delegações pelo tamanho e pela relevância de "
            "sua participação foi um dos fatores que levaram ambas a ampliar seus "
            "contingentes no ano seguinte.",
        ),
        (
            "p",
            "No plano naval, a cooperação com os Estados Unidos segue sendo a espinha "
            "dorsal do adestramento combinado. Entre 10 e 22 de setembro de 2022, a Marinha "
            "do Brasil coordenou, no litoral do Rio de Janeiro e do Espírito Santo, a 63ª "
            "edição do exercício UNITAS, com a Marinha dos Estados Unidos e forças navais "
            "de outros 18 países. A edição integrou as comemorações do Bicentenário da "
            "Independência e incluiu uma fase anfíbia com simulação de resgate de civis.",
        ),
        (
            "p",
            "Esse tipo de exercício exige procedimentos comuns, sistemas de comunicação "
            "compatíveis e anos de convivência entre as tripulações, algo que nenhum "
            "outro parceiro extrarregional pode oferecer ao Brasil no curto prazo. É "
            "nesse terreno operacional que a vantagem norte-americana se mostra mais "
            "sólida.",
        ),
        (
            "p",
            "Ao mesmo tempo, os contatos de alto nível com Pequim se intensificaram nos "
            "últimos anos, e o Exército manifestou interesse em retomar o envio de "
            "oficiais a cursos chineses, interrompido em grande parte durante a pandemia. "
            "Antes dela, em 2018, havia 14 militares brasileiros estudando na China, "
            "número que depois caiu de forma expressiva.",
        ),
        ("h", "3. Washington responde"),
        (
            "p",
            "A relação com os Estados Unidos vai muito além dos exercícios. Ela inclui "
            "programas de intercâmbio de oficiais, cooperação em ciência e tecnologia, "
            "uma agenda comum em operações de paz e resposta a desastres e a aquisição de "
            "equipamentos e serviços de origem norte-americana pelas três Forças. Trata-se "
            "de uma rede densa de relações institucionais construída ao longo de décadas.",
        ),
        (
            "p",
            "Isso explica por que Washington tem preferido a presença à pressão. Em vez de "
            "cobrar publicamente o Brasil pela aproximação com Pequim, as autoridades "
            "norte-americanas procuram ampliar a agenda positiva, oferecendo mais vagas em "
            "escolas militares, mais exercícios combinados e mais contatos de alto nível. "
            "A estratégia parte do pressuposto de que a profundidade dos vínculos "
            "existentes é, por si só, a melhor garantia contra uma mudança de alinhamento.",
        ),
        (
            "p",
            "Há também um componente regional. Washington acompanha com atenção a "
            "participação de países sul-americanos em fóruns de defesa promovidos pela "
            "China e procura revalorizar os mecanismos hemisféricos nos quais exerce papel "
            "central, como a Conferência de Ministros da Defesa das Américas e a Junta "
            "Interamericana de Defesa. Para o Brasil, que preza a autonomia, esses espaços "
            "multilaterais são úteis justamente por diluírem a assimetria de poder nas "
            "relações bilaterais com a potência hegemônica do continente.",
        ),
        (
            "p",
            "O exemplo mais recente dessa postura veio do Comando Sul. Em 20 de maio de 2025, o "
            "almirante Alvin Holsey, comandante do Comando Sul dos Estados Unidos, "
            "reuniu-se em Brasília com o ministro da Defesa, José Múcio Monteiro, em sua "
            "primeira visita ao país no cargo. Na mesma passagem, encontrou-se com os "
            "comandantes das três Forças.",
        ),
        (
            "p",
            "O tom dos comunicados oficiais foi de continuidade: os dois lados destacaram "
            "a parceria histórica entre as maiores democracias e as maiores Forças Armadas "
            "do hemisfério. Nos bastidores, porém, a preocupação de Washington com a "
            "aproximação sino-brasileira em áreas como tecnologia e indústria de defesa é "
            "evidente.",
        ),
        ("h", "4. Considerações finais"),
        (
            "p",
            "O Brasil tem conseguido, até aqui, extrair benefícios da competição entre "
            "as duas potências sem custos políticos relevantes. Essa margem de manobra, "
            "contudo, depende de transparência e de objetivos claros. Recomendamos que o "
            "Ministério da Defesa torne públicos os critérios para convidar tropas "
            "estrangeiras a exercícios em território nacional, que o Congresso acompanhe "
            "de forma mais sistemática os acordos de cooperação em defesa e que a "
            "formação de oficiais no exterior seja orientada por prioridades definidas na "
            "Estratégia Nacional de Defesa.",
        ),
        (
            "p",
            "Sem essas medidas, a política de equilíbrio corre o risco de se tornar "
            "apenas uma sucessão de gestos, sujeita às pressões do momento e às "
            "preferências de cada comando militar.",
        ),
    ],
    closing_note=(
        "O Núcleo de Estudos de Defesa e Segurança Internacional é um grupo de pesquisa "
        "independente. As opiniões expressas neste boletim são de responsabilidade "
        "exclusiva dos autores."
    ),
)

PAPERS = [WP12, DT7, BOLETIM9]


def main(argv: list[str]) -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for paper in PAPERS:
        path = render(paper)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
