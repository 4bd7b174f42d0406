"""The cues said of a trigger: a negation, hedge, aggregate or generic cue (``cues.jsonl``,
kinds ``VETO_KINDS``) said of a trigger vetoes its reading ("the exercise was not held",
"Argentina may buy"); a denial that opens its sentence ("Neither ... nor", "Tampoco")
covers all of it; a plan said of it makes an undated reading no occurrence
(``events.py``). A cue with a reach of its own ("denied that ...", "... was cancelled")
reaches as ``reaches`` says; a cue of window 0 reaches its whole sentence, except a
relative clause of its own after the trigger and any clause after a semicolon; any other
stands at most its window (in tokens) before it.
"""

from __future__ import annotations

from typing import Final

from pipeline.nlp.marks import Mark
from pipeline.nlp.models import VETO_KINDS, Models, article_words, word_list

REPETITION: Final = "cue.repetition"  # "several times", "varias veces", "várias vezes"
LATEST: Final = "latest"  # the kind of "most recently", "la última en", "a última em"
RELATIVE_REACH: Final = 2  # tokens from a relative word to a cue of its clause
# tokens from a relative word to a cue of its clause closed by a comma before the trigger
# ("Uruguay, whose governments have often kept Washington at arm's length, took possession")
CLAUSE_OPEN_REACH: Final = 4
CLAUSE_REACH: Final = {"generic": 8, "recall": 8}  # a description told further into its relative
# clause
AFTER_WINDOW: Final = 2  # tokens after a trigger where a negation or hedge still applies to it
OPENING_REACH: Final = 2  # tokens from a sentence's start where an opening cue may stand ("But
# neither")
# the home a ship or unit sets out from, after "desde su", "since its", "desde a sua"
HOME_NOUNS: Final = frozenset("base bases puerto porto port apostadero".split())
# the people an operation serves, counted after a count cue ("hundreds of people", "cientos
# de víctimas", "centenas de pacientes": stopwords.json), within COUNTED_REACH words
COUNTED_PEOPLE: Final = frozenset(word_list("counted_people", folded=True))
COUNTED_REACH: Final = 3
# the short stretches of time a count may measure ("durante varios días", "for several
# days", "por várias horas"): how long one occurrence lasted, not how many there were
STRETCH_NOUNS: Final = frozenset("hour hours day days night nights week weeks hora horas dia dias "
                                 "jornada jornadas noche noches noite noites semana "
                                 "semanas".split())
JOINERS: Final = frozenset("and but while whereas y pero mientras e mas enquanto".split())
INTENTIONS: Final = frozenset({"intention", "intencion", "intencao"})  # (folded)
# the verbs that make an intention formal (stems, folded): formalised, made official, signed
FORMALIZING: Final = ("formaliz", "formalis", "oficializ", "officializ", "sign", "firm", "assin",
                      "suscri", "subscr")
PASSIVE_AUX: Final = frozenset("was were been fue fueron sido foi foram".split())  # (folded)
FORMAL_REACH: Final = 6  # tokens either side of the intention where its formalizing verb stands
IMPERSONAL: Final = frozenset({"se"})  # "se trata de": "it is", where "trata de" alone tries
TRY_WORDS: Final = frozenset({"trata", "tratan", "trataba", "trato"})
COORDINATED: Final = frozenset("and y e".split())  # what joins two predicates of one subject
# the auxiliary or copula that opens such a second predicate (folded: "fueron", "foram")
PREDICATE_AUX: Final = frozenset("has have had was were is are will would did fue fueron ha han "
                                 "habia habian sera seran son estaba estaban foi foram tem tinha "
                                 "tinham serao sao estava estavam".split())
# a clause of what came before the state a generic cue describes ("is now better equipped
# ..., after receiving a donation ... on Tuesday", "cuenta hoy con ..., tras recibir",
# "está hoje mais bem equipada ..., depois de receber"): its own dated occurrence
AFTER: Final = frozenset("after tras despues apos depois".split())
# words that open a clause of their own (norms are folded: "despues", "apos")
# "a similar if quieter gesture", "a smaller if symbolic presence": "if" between two words
# of one noun phrase an article opens concedes, it states no condition
CONCESSIVE: Final = frozenset({"if"})
ARTICLES: Final = article_words(("definite_singular", "definite_plural", "indefinite"), ("en",))
# marks after which an aggregate or generic cue's clause ends: "...; a última foi", "se ha
# consolidado en la última década: en mayo de 2013, ... suscribió" (what a colon opens, with
# a time of its own, tells an instance: ``events.py`` asks for that date)
CLAUSE_MARKS: Final = frozenset({";", ":"})
# the endings of a participle (folded) that opens an aside after a comma ("El convenio,
# suscrito en Tegucigalpa por ..., incluye", "O contrato, assinado em março, prevê", "The
# deal, signed in May, includes"): the aside tells the occurrence, the main clause after it
# describes what was agreed
PARTICIPLE_ENDS: Final = {"es": ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "ito",
                                 "ita", "itos", "itas"),
                          "pt": ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "ito",
                                 "ita", "itos", "itas"),
                          "en": ("ed",)}
# "un total de 82,3 millones de euros", "a total of $30 million", "um total de R$ 2 bilhões":
# a sum, the price of one deal, not a tally of occurrences (folded words after the cue)
TOTAL_WORDS: Final = frozenset({"total"})
MONEY_WORDS: Final = frozenset(
    "$ us$ r$ € £ usd eur dollars dolares euros pounds libras reais reales pesos yuan yuanes "
    "million millions billion billions millon millones milhao milhoes bilhao bilhoes mil".split())
MONEY_REACH: Final = 3  # tokens after the cue where its sum's number and money word stand
SUBORDINATORS: Final = frozenset("after before when because since until tras cuando porque hasta "
                                 "despues apos depois quando antes".split())


def opening_only(cues: list[Mark], start: int, models: Models) -> list[Mark]:
    """The cues of a sentence starting at token ``start``, less the opening cues that do not
    open it: "Neither the tender nor the lawsuit was a purchase" denies the whole sentence,
    while a "nor" further on denies no more than the words after it (``cue.negation``)."""
    return [c for c in cues if c.kb_id_ not in models.opening_cues
            or c.start - start < OPENING_REACH]


def vetoing(trigger: Mark, cues: list[Mark], models: Models, norms: list[str], lang: str
            ) -> list[Mark]:
    """The negation, hedge, aggregate or generic cues said of this trigger (none: its
    reading stands). A cue that reaches the whole sentence stops short of a trigger before
    the relative clause it stands in: "a training stop that includes exercises" is still a
    stop."""
    out = []
    for cue in cues:
        if cue.label_ not in VETO_KINDS:
            continue
        if cue.label_ == "aggregate" and cue.end - cue.start >= 2 and norms[cue.end - 2] in \
                TOTAL_WORDS and any(w in MONEY_WORDS or w[:1] in "$€£" for w in norms[
                    cue.end:min(len(norms), cue.end + MONEY_REACH)]):
            continue  # "El contrato, por un total de 82,3 millones de euros, fue anunciado":
            # the sum of one deal, no tally
        if cue.label_ == "aggregate" and cue.end < len(norms) and norms[cue.end] in HOME_NOUNS:
            continue  # "desde su base en Papeete, la fragata arribó": where it came from,
            # not a history since then ("desde su creación")
        if cue.label_ == "aggregate" and _one_of(cue, norms):
            continue  # "called at the Dominican capital in 2015, one of more than a dozen
            # stops", "una de las más de diez escalas": the trigger's occurrence is one of
            # the many counted
        if cue.kb_id_ == REPETITION and any(c.label_ == LATEST and c.start >= cue.end
                                            for c in cues):
            continue  # "hosted the exercise several times, most recently in 2018", "la
            # última en 2018", "a última em 2018": the latest one, told with its own date
        if cue.kb_id_ == "cue.count" and cue.end < len(norms) and norms[cue.end] in STRETCH_NOUNS:
            continue  # "realizaron durante varios días vuelos conjuntos", "spent several days
            # drilling": a stretch of time, one occurrence that lasted
        if cue.kb_id_ == "cue.count" and not COUNTED_PEOPLE.isdisjoint(
                norms[cue.end:cue.end + COUNTED_REACH]):
            continue  # "rescued hundreds of people and flew relief supplies", "atendió a
            # cientos de pacientes": the people one operation served are counted, not its
            # occurrences
        if cue.label_ == "hedge" and _concessive(cue, norms, models.function_words.get(
                lang, frozenset())):
            continue
        if cue.label_ == "hedge" and norms[cue.start] in INTENTIONS and _formalized(cue,
                                                                                     norms):
            continue  # "A intenção de compra foi formalizada em fevereiro", "formalizaron su
            # intención de compra": the intention made formal is a step of the deal itself
        if cue.label_ == "hedge" and cue.start > 0 and norms[cue.start - 1] in IMPERSONAL \
                and norms[cue.start] in TRY_WORDS:
            continue  # "Se trata de la tercera ocasión en que los bombarderos visitan": "it
            # is" (impersonal 'se'), no attempt
        reach = models.cue_reach.get(cue.kb_id_)
        if reach is not None:
            if reaches(cue, trigger, reach, norms, models.relatives.get(lang, frozenset())):
                out.append(cue)  # "denied that any purchase had been agreed", "the
            continue  # exercises of 2020 and 2022 were cancelled"
        if cue.label_ in ("aggregate", "generic") and _closed_relative(cue, trigger, models,
                                                                      norms, lang):
            continue  # "Uruguay, whose governments have often kept Washington at arm's
            # length, took possession": the habit is said of the clause's noun
        if said_of(cue, trigger, models, norms, lang) or (
                models.cue_windows.get(cue.kb_id_, 0) and cue.label_ in ("negation", "hedge")
                and 0 <= cue.start - trigger.end <= AFTER_WINDOW) or _undoing_object(
                cue, trigger, cues, norms):
            out.append(cue)  # "the visit would help", "the exercise was not held"
    return out


def _one_of(cue: Mark, norms: list[str]) -> bool:
    """"One of" right before the count ("one of more than a dozen stops", "una de las más
    de diez escalas", "uma das mais de dez escalas")."""
    before = [w for w in norms[max(0, cue.start - 3):cue.start] if w not in ONE_OF_ARTICLES]
    return len(before) >= 2 and tuple(before[-2:]) in ONE_OF


ONE_OF: Final = frozenset({("one", "of"), ("uno", "de"), ("una", "de"), ("um", "de"),
                           ("uma", "de"), ("um", "dos"), ("uma", "das"), ("um", "das"),
                           ("uma", "dos")})
# ("una de las", "one of the"; Portuguese contracts its article: "uma das")
ONE_OF_ARTICLES: Final = article_words(("definite_plural",), ("en", "es"))


def _closed_relative(cue: Mark, trigger: Mark, models: Models, norms: list[str], lang: str
                     ) -> bool:
    """The cue stands in a relative clause before the trigger that a comma closes: a
    relative word at most ``CLAUSE_OPEN_REACH`` words before it, a comma between it and the
    trigger, none between the relative word and it."""
    if cue.end > trigger.start:
        return False
    relatives = models.relatives.get(lang, frozenset())
    opening = norms[max(0, cue.start - CLAUSE_OPEN_REACH):cue.start]
    k = max((i for i, n in enumerate(opening) if n in relatives), default=None)
    return k is not None and "," not in opening[k:] and "," in norms[cue.end:trigger.start]


def _undoing_object(cue: Mark, trigger: Mark, cues: list[Mark], norms: list[str]) -> bool:
    """A negation noun heading the object of the trigger, a verb of announcing (a saying
    cue stands on it): "anunció en 2024 la suspensión de nuevas compras", "announced the
    cancellation of the order", "anunciou o cancelamento da compra": what was announced is
    the undoing ("docked despite the cancellation of the exercise" still docked)."""
    if cue.label_ != "negation" or cue.start < trigger.end or \
            cue.start - trigger.end > OBJECT_REACH or cue.end >= len(norms):
        return False
    if not any(c.label_ == "saying" and c.start <= trigger.start < c.end for c in cues):
        return False  # the verb announces nothing
    if any(w in (",", ";", ".") for w in norms[trigger.end:cue.start]):
        return False  # another clause
    return norms[cue.end] in UNDONE_OF or norms[cue.end - 1] in UNDONE_OF  # ("suspension of")


OBJECT_REACH: Final = 5  # tokens from a verb to the noun heading its object ("anunció en 2024 la")
UNDONE_OF: Final = frozenset("of de da do das dos del on".split())  # (folded)


def _formalized(cue: Mark, norms: list[str]) -> bool:
    """An intention made formal: a formalizing verb before it ("formalizó su intención de
    compra") or, passive, after it ("a intenção de compra foi formalizada"); not the act
    intended ("declararam a intenção de firmar um acordo": signing is what they intend)."""
    before = norms[max(0, cue.start - FORMAL_REACH):cue.start]
    after = norms[cue.end:min(len(norms), cue.end + FORMAL_REACH)]
    return any(w.startswith(FORMALIZING) for w in before) or any(
        w.startswith(FORMALIZING) and k > 0 and after[k - 1] in PASSIVE_AUX
        for k, w in enumerate(after))


def _concessive(cue: Mark, norms: list[str], function_words: frozenset[str]) -> bool:
    """A concessive "if" inside a noun phrase ("a similar if quieter gesture", "the smaller
    if symbolic presence"): an article, one word, the cue, then a word that is no function
    word (a conditional opens a clause: "a visit if the weather allows", "more if they win")."""
    if cue.end - cue.start != 1 or norms[cue.start] not in CONCESSIVE or cue.start < 2 \
            or cue.end >= len(norms):
        return False
    before, after = norms[cue.start - 1], norms[cue.end]
    return norms[cue.start - 2] in ARTICLES and before.isalpha() and before not in \
        function_words and after.isalpha() and after not in function_words


def reaches(cue: Mark, trigger: Mark, reach: str | int, norms: list[str],
            relatives: frozenset[str]) -> bool:
    """A cue with a reach of its own (``cues.jsonl`` "reach"). "forward": a denial with its
    complement ("denied that", "negó que", "negou que") denies every trigger after it, to a
    semicolon ("denied that any purchase had been agreed"); what the sentence tells before
    it stands. A number: a cancellation told after its trigger, in a passive, denies a
    trigger at most that many tokens before it in the same clause: no comma, semicolon,
    relative or subordinating word between (an 'and' may join the nouns of its subject:
    "the exercises of 2020 and 2022 were cancelled", "a visita do Brasil e da Índia foi
    adiada")."""
    if reach == "forward":
        return cue.end <= trigger.start and ";" not in norms[cue.end:trigger.start]
    if cue.start < trigger.end or cue.start - trigger.end > int(reach):
        return False
    return not any(w in (",", ";") or w in relatives or w in SUBORDINATORS
                   for w in norms[trigger.end:cue.start])


def other_clause(cue: Mark, trigger: Mark, models: Models, norms: list[str], lang: str) -> bool:
    """A sentence-wide aggregate or generic cue that stands in a clause of its own (after a
    semicolon, or a comma that a joining or relative word follows), after the trigger: "the
    frigate called in June 2019, and Russian ships have moored there several times over the
    past decade"; "Belize hosted the exercise last May, which brought troops from more than
    a dozen nations"; or before it: "Russian warships have called at Havana repeatedly, and
    the frigate itself visited in June 2019". It speaks of that clause, so it does not undo
    what the sentence dates for the trigger (``events.py`` asks for a date of the trigger,
    wherever in the sentence it stands)."""
    if cue.label_ not in ("aggregate", "generic", "recall") or models.cue_windows.get(
            cue.kb_id_, 0):
        return False
    if cue.start >= trigger.end:
        words = norms[trigger.end:cue.start]
    elif cue.end <= trigger.start:
        words = norms[cue.end:trigger.start]
    else:
        return False
    relatives = models.relatives.get(lang, frozenset())
    opening = relatives | JOINERS
    if cue.label_ == "generic" and cue.end <= trigger.start:
        opening = opening | AFTER
    if any(w in CLAUSE_MARKS or (w == "," and k + 1 < len(words) and words[k + 1] in opening)
           or (w in JOINERS and k + 1 < len(words) and words[k + 1] == ",")
           for k, w in enumerate(words)):  # (", and ..." or "... and, since then,")
        return True
    if cue.start >= trigger.end and "," in words and (_participle_before(cue, norms, lang) or any(
            w in relatives for w in words[words.index(","):])):
        return True  # "sediou a UNITAS LXIII, exercício naval organizado anualmente pelos
        # Estados Unidos", "hosted UNITAS LXIII, the 63rd edition of the exercise that the
        # United States has organized every year": the cue describes a noun after the
        # trigger's clause, in a modifier of its own (a participle's or a relative clause)
    if cue.end <= trigger.start and any(w in SUBORDINATORS for w in words):
        return True  # "Russian warships have called at Havana regularly since the destroyer
        # Admiral Chabanenko arrived in December 2008": a subordinating word opens the
        # trigger's clause of its own after the habit
    if cue.end <= trigger.start and "," in words and _participle_aside_before(cue, norms, lang):
        return True  # "The ship, launched in 1931 and often described as the most beautiful
        # ship in the world, tied up at the pier on Monday": the habit is said in the aside
        # about the subject, the main clause tells the occurrence
    if cue.start >= trigger.end:  # "arrived in Kingston at the weekend and has since been
        # flying food", "llegaron a Colombia en 1989 y fueron modernizados en varias
        # ocasiones": a second predicate of the same subject, opened by 'and' and its verb;
        # or by the cue's own verb right after 'and' ("foi assinado em janeiro deste ano e
        # inclui também a transferência"), but a recollection's
        ahead = [*words, norms[cue.start]]
        return any(w in COORDINATED and (ahead[k + 1] in PREDICATE_AUX or (
            k + 1 == len(words) and cue.label_ != "recall")) for k, w in enumerate(ahead[:-1]))
    if cue.label_ == "recall":
        return False
    # "dos unidades que durante décadas patrullaron el Báltico, quedaron incorporados": a
    # relative clause of the cue, closed by a comma before the trigger; "El paquete incluye
    # una lancha que fue entregada a inicios de octubre": the trigger's own relative clause
    return (any(n in relatives for n in norms[max(0, cue.start - CLAUSE_OPEN_REACH):cue.start])
            and "," in words) or any(w in relatives for w in words)


def _participle(word: str, lang: str) -> bool:
    """A past participle by its ending ("organized", "organizado", "launched", "construido"),
    long enough to tell from other words ending alike."""
    return len(word) > PARTICIPLE_MIN and word.isalpha() and word not in NOT_PARTICIPLES \
        and word.endswith(PARTICIPLE_ENDS.get(lang, ()))


def _participle_before(cue: Mark, norms: list[str], lang: str) -> bool:
    """A participle right before the cue ("organizado anualmente", "organized every year",
    "realizado cada año"): the cue modifies that participle's noun."""
    return cue.start > 0 and _participle(norms[cue.start - 1], lang)


def _participle_aside_before(cue: Mark, norms: list[str], lang: str) -> bool:
    """The cue stands in an aside a comma and a participle open before it, at most
    ``ASIDE_REACH`` tokens back ("The ship, launched in 1931 and often described as ...,",
    "El buque, construido en 1927 y visitado a menudo por ...,"): the aside describes the
    subject."""
    before = norms[max(0, cue.start - ASIDE_REACH):cue.start]
    if "," not in before:
        return False
    k = len(before) - 1 - before[::-1].index(",")
    return k + 1 < len(before) and _participle(before[k + 1], lang)


PARTICIPLE_MIN: Final = 4  # letters a participle has more than ("held" is too short to tell
# from other words ending alike and is left out)
NOT_PARTICIPLES: Final = frozenset("hundred need speed indeed embed vida salida partida medida "
                                   "comida bebida ida unidad unidade seguida".split())
ASIDE_REACH: Final = 12  # tokens back from a cue to the comma and participle opening its aside


def _participle_aside(trigger: Mark, words: list[str], norms: list[str], lang: str) -> bool:
    """The trigger is a participle opening an aside after a comma, closed by a comma before
    the cue ("El convenio, suscrito en Tegucigalpa por el secretario ..., incluye la
    adquisición"): the cue describes the main clause, the aside tells the occurrence."""
    return trigger.start > 0 and norms[trigger.start - 1] == "," \
        and _participle(norms[trigger.end - 1], lang) and "," in words


def said_of(cue: Mark, trigger: Mark, models: Models, norms: list[str], lang: str) -> bool:
    """The cue qualifies the trigger: it reaches the whole sentence (window 0) except a
    relative clause of its own after the trigger, or stands at most its window before it."""
    window = models.cue_windows.get(cue.kb_id_, 0)
    if window == 0:
        if cue.end <= trigger.start and ";" in norms[cue.end:trigger.start]:
            return False  # "Tampouco houve ...; a última foi a de ... que atracou": a clause
        if cue.start >= trigger.end and _participle_aside(
                trigger, norms[trigger.end:cue.start], norms, lang):
            return False  # (the main clause after the trigger's participial aside)
        return not _in_clause_after(cue, trigger, models, norms, lang)  # of its own
    return cue.end <= trigger.start and trigger.start - cue.end <= window


def _in_clause_after(cue: Mark, trigger: Mark, models: Models, norms: list[str], lang: str
                     ) -> bool:
    """The cue stands after the trigger, in a relative clause of its own ("a stop that
    includes exercises", "un memorando que prevé"; a description may stand further into
    its clause: "un memorando cuyo contenido es reservado, pero que, según el ministro,
    abarca ...")."""
    relatives = models.relatives.get(lang, frozenset())
    reach = CLAUSE_REACH.get(cue.label_, RELATIVE_REACH)
    return cue.start >= trigger.end and any(
        n in relatives for n in norms[max(trigger.end, cue.start - reach):cue.start])
