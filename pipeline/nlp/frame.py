"""An event rule of ``frames.jsonl`` (``models.py`` reads them and documents the keys): a
trigger class and the company it needs.

In a module of its own so that ``make fast`` compiles it with the rule modules, which read a
frame's fields many times for every trigger: a compiled class's field is read directly, a
Python object's through its dictionary. ``models.py``, whose ``Models`` keeps what it derives
in cached properties (which a compiled class cannot hold), stays Python.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """An event rule (``frames.jsonl``): a trigger class and the company it needs."""

    id: str
    type: str
    trigger: frozenset[str]
    needs: tuple[frozenset[str], ...] = ()  # each group: one of its classes in the sentence
    without: frozenset[str] = frozenset()  # none of these in the sentence
    strength: str = "strong"  # strong | weak (a weak one needs a stated date or a firmer word)
    window: int = 0  # tokens either side of the trigger where ``needs`` count (0: sentence)
    without_window: int = 0  # tokens either side where ``without`` classes count (0: sentence)
    also: bool = False  # read besides the trigger's best frame (a signing is also a meeting)
    without_near: frozenset[str] = frozenset()  # none of these right by the trigger (NEAR)
    without_object: frozenset[str] = frozenset()  # none of these as the trigger's object
    before: frozenset[str] = frozenset()  # classes of ``needs`` that count only before it
    actors: frozenset[str] = frozenset()  # classes of ``needs`` that count only as its doers
    unless_object: frozenset[str] = frozenset()  # as its object or agent: ``without`` lifted
    # classes one of which must stand as the trigger's recipient ("delivered ... to the
    # National Police"); a frame read so outranks the trigger's others: the recipient decides
    recipient: frozenset[str] = frozenset()
    # a missing side may come from the sentences after it in its paragraph: a programme's
    # partner named right after the lead that tells its ceremony ("lançamento ao mar do
    # submarino Riachuelo. A embarcação ... com transferência de tecnologia francesa")
    partner_after: bool = False
    # none of these within FAR tokens (words that reach past a name and title: "the U.S.
    # defense attaché in Lima, Colonel X, took part in")
    without_far: frozenset[str] = frozenset()
    # classes of ``without`` that veto nothing where they stand as the goods of a trade word
    # (``frames.traded``): a ship or aircraft sold, bought or given is no visitor's vehicle
    # ("viajó a Buenos Aires y rubricó una carta de intención para la venta de los aviones")
    unless_traded: frozenset[str] = frozenset()
    # classes of ``needs`` that count only after the trigger (a partner force after the
    # drill: "ran drills with Argentine warships", not "a FAB KC-390 joined exercises with")
    after: frozenset[str] = frozenset()
    # its sentence shows the event after those its other frames read (a leader arriving
    # after the talks: "arrived Monday", "that same day the delegation met Noboa"): the
    # store's ``shown_after`` (``pipeline.evidence``)
    shown_after: bool = False
    # its ``actors`` must be two sides (``frames.two_sides``): doers joined by a coordinator
    # or a partner word ("Petri signed with his Danish counterpart", "el general firmó con
    # el ministro"), or one doer said in the plural ("ambos ministros suscribieron"); one
    # leader signing alone ("el convenio firmado por la entonces ministra", "the Lasso
    # government signed with the United States") met no counterpart
    two_sides: bool = False
    # classes of people whose word before the trigger, with no word of its first ``with``
    # group before it, makes them its doer: the frame does not read ("A comitiva, que
    # desembarcou na capital", "El ministro aterrizó a bordo del portaaviones", "instructor
    # pilots and technicians spent several months at Hongdu's facilities": people arrive,
    # no ship or aircraft calls)
    not_by: frozenset[str] = frozenset()
    # ``without`` classes veto from anywhere before the trigger, after it only within
    # ``without_window`` (a leader's visit: a ship named before the verb is the vehicle;
    # one named well after it is the topic, "Shoigu toured Havana, seeking arrangements
    # for Russian ships")
    without_before: bool = False
    # ``after`` classes count only from the second word after the trigger: the word right
    # after it may be its own adjective ("visita oficial": "oficial" there names nobody),
    # the visitor comes after a preposition ("visita a La Paz del subjefe", "visit by the
    # minister")
    after_apart: bool = False
    # the trigger must not follow a definite article: "comentó la visita de la delegación",
    # "durante la visita del ministro" refer back to a visit told before; only an indefinite
    # or bare noun tells one here ("durante una visita a La Paz del subjefe")
    indefinite: bool = False
    # the types its reading overrules in its clause: the goods of a sentence that hands them
    # to a police force are police cooperation, whatever else types them there (a price, a
    # gift, a carrier's landing: "aircraft landed with armoured vehicles and other supplies
    # for the Haitian National Police"), so no transfer or gift is read beside it
    over: frozenset[str] = frozenset()
    # classes one of which the sentence or the paragraphs around it must say, lent cues
    # counting ("price": a story of a purchase): a condition of the story the trigger is
    # told in, not company; the window does not hold it and it adds no distance (a delivery
    # dated in its own clause, "El primer casco ... fue entregado en Cherburgo en 2005", in a
    # story of the submarines' purchase)
    told_around: frozenset[str] = frozenset()
    # none of these within NEAR tokens before the trigger: a verb that bars the trade the
    # trigger names, or an attempt at it, whose object the trigger is ("blocked the sale of",
    # "vetó la venta", "proibiu em maio a venda", "efforts to sell", "intentos de compra"):
    # no sale took place; after the trigger they bar nothing ("la compra de radares para
    # bloquear vuelos", "bought the jets after Washington blocked")
    without_ahead: frozenset[str] = frozenset()
    # classes one of which must be the ship or aircraft its passive welcome was done to,
    # no leader said before it (``frames.received_vehicles``: "the training ship was
    # welcomed at the pier by the minister", "los aviones rusos siguieron viaje a Managua,
    # donde fueron recibidos por oficiales"): the vehicle is the guest, the welcome its call
    received: frozenset[str] = frozenset()
    # its ``two_sides`` must be doers joined by a coordinator or a partner word, a plural
    # doer only counting after a word of two ("the navies of both countries" aside): forces
    # are often named in the plural alone ("U.S. Marines held an exercise": one force), so
    # only "Brazilian and French troops", "a Marinha do Brasil e a Marinha do ELP", "oficiais
    # dos dois exércitos" are two
    joined: bool = False

    @property
    def weak(self) -> bool:
        return self.strength == "weak"
