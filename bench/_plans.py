"""Shared helper for the benchmarks: fill a data folder with realistic plans.

A "realistic" plan is what a club has after a season of work: about 40 answers and 20 list items
spread over the four phases, a second round of Agenderen, Dutch texts of a sentence or two.
Everything goes through :class:`Plan` and :class:`PlanStore`, so the files are exactly what the
app writes.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script: make the package importable without install
    sys.path.insert(0, str(ROOT))

from vv_desktop.core.model import Plan, cell_key  # noqa: E402
from vv_desktop.core.rounds import start_round  # noqa: E402
from vv_desktop.core.settings import Settings  # noqa: E402
from vv_desktop.core.store import PlanStore  # noqa: E402
from vv_desktop.core.worksheets import Method, load_method  # noqa: E402

CLUBS = ["HC Vleuten", "VV De Meern", "Zwemclub De Dolfijn", "Korfbalvereniging Oranje", "Turnclub Sprong",
         "Muziekvereniging Crescendo", "Toneelclub Het Doek", "Buurthuis De Schakel", "Tennisclub Smash",
         "Atletiekvereniging Hermes"]
KINDS = ["sport", "sport", "sport", "sport", "sport", "cultuur", "cultuur", "buurt", "sport", "sport"]
SENTENCES = [
    "We merken dat jongeren na een verloren wedstrijd stil worden en niet meer naar de derde helft gaan.",
    "Het bestuur wil dit seizoen tijd maken voor prestatiedruk en mentale gezondheid.",
    "Trainers vragen om een korte handleiding: hoe begin je het gesprek met een speler?",
    "Ouders langs de lijn zijn soms harder dan de trainer; daar willen we afspraken over maken.",
    "De jeugdraad heeft de stellingen besproken en wil meedenken over de regels.",
    "Na de zomer houden we een ouderavond met de buurtsportcoach erbij.",
    "Niet alles tegelijk: eerst de selectieteams, daarna de rest van de jeugd.",
    "De vertrouwenscontactpersoon is nog niet bij iedereen bekend.",
    "We willen succes ook meten aan plezier, niet alleen aan de uitslag.",
    "In de kantine hangt nu een poster met waar je terecht kunt.",
]
SHORT = ["Positief ontvangen", "Nog niet besproken", "Wil meedenken", "Vindt het lastig", "Doet mee in het voorjaar",
         "Heeft tijd nodig", "Enthousiast", "Twijfelt nog"]
WHO = ["Voorzitter", "Secretaris", "Technisch coördinator", "Jeugdcommissie", "Trainers O15", "Jeugdraad"]
WHEN = ["september", "oktober", "voor de winterstop", "januari", "voorjaar", "voor de zomer"]
STATUSES = ["gepland", "bezig", "klaar", "gestopt"]


def realistic_plan(store: PlanStore, method: Method, name: str, rng: random.Random) -> Plan:
    """Create and save one plan with ~40 answers and ~20 list items."""
    n = rng.randrange(len(CLUBS))
    plan = store.create(name, CLUBS[n], KINDS[n])
    plan.set_club("contact_role", "Vertrouwenscontactpersoon")
    plan.set_club("contact_email", f"vertrouwen{n}@voorbeeldclub.nl")

    def say() -> str:
        return rng.choice(SENTENCES)

    a = "agenderen"
    for level in method.phase(a).field("besproken").levels[:4]:  # 4 levels x 2 = 8 answers
        plan.set_answer(a, cell_key("besproken", level, "datum"), f"{rng.randint(1, 28):02d}-0{rng.randint(1, 9)}-2026")
        plan.set_answer(a, cell_key("besproken", level, "uitkomst"), rng.choice(SHORT))
    for key in ("al_bezig", "voortbouwen", "kansen"):
        plan.set_answer(a, key, f"{say()} {say()}")
    for level in method.phase(a).field("kaders").levels:  # 4
        plan.set_answer(a, cell_key("kaders", level, "kader"), say())
    for option in method.phase(a).field("stellingen").options:  # options x 2, plus 2 tops
        plan.set_answer(a, cell_key("stellingen", option.id, "keuze"), rng.choice(["eens", "neutraal", "oneens"]))
        plan.set_answer(a, cell_key("stellingen", option.id, "toelichting"), rng.choice(SHORT))
    for option in method.phase(a).field("stellingen").options[:2]:
        plan.set_answer(a, cell_key("stellingen", option.id, "top"), True)
    plan.add_item(a, "stellingen", {"tekst": "Winnen is niet het belangrijkste bij ons", "keuze": "eens"})
    plan.add_item(a, "eigen_tips", {"tekst": say()})
    plan.set_status(a, "afgerond")

    c = "concretiseren"
    goals = [plan.add_item(c, "doelen", {"tekst": say()}) for _ in range(4)]
    for level in method.phase(c).field("behoeften").levels:
        plan.set_answer(c, cell_key("behoeften", level, "behoefte"), say())
    plan.set_answer(c, "doel_bereikt", say())
    plan.set_answer(c, "voortbouwen", say())
    for i in range(8):
        plan.add_item(c, "acties", {"wat": say(), "doel": goals[i % 4], "wie": rng.choice(WHO),
                                    "wanneer": rng.choice(WHEN), "status": rng.choice(STATUSES),
                                    "notitie": rng.choice(SHORT)})
    plan.add_item(c, "eigen_practices", {"tekst": say()})

    u = "uitvoeren"
    for level in method.phase(u).field("check").levels[:3]:
        plan.set_answer(u, cell_key("check", level, "score"), rng.randint(1, 5))
        plan.set_answer(u, cell_key("check", level, "uitleg"), rng.choice(SHORT))
    plan.set_answer(u, "input_impact", say())
    plan.set_answer(u, "reflectie", f"{say()} {say()}")

    v = "verduurzamen"
    plan.set_answer(v, "visie", f"{say()} {say()}")
    for option in method.phase(v).field("borging").options[:2]:
        plan.set_answer(v, cell_key("borging", option.id), True)
    for _ in range(3):
        plan.add_item(v, "verbreden", {"tekst": say()})
    for _ in range(2):
        plan.add_item(v, "eigen_tips", {"tekst": say()})

    start_round(plan, method, a, copy_previous=True)  # a second round of Agenderen, as a club would
    plan.set_answer(a, "kansen", say())
    store.save(plan)
    return plan


def count(plan: Plan) -> tuple[int, int]:
    """(answers, list items) in the current rounds."""
    answers = sum(len(plan.round(p)["answers"]) for p in plan.doc["phases"])
    items = sum(len(v) for p in plan.doc["phases"] for v in plan.round(p)["lists"].values())
    return answers, items


def fill_data_dir(root: Path, n: int, seed: int = 2026) -> list[str]:
    """Make ``n`` plans in the data folder ``root`` (created if needed); returns their ids."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    store = PlanStore(root, Settings(root).device_id)
    method = load_method()
    rng = random.Random(seed)
    return [realistic_plan(store, method, f"Stappenplan {i + 1:03d} seizoen 2026-2027", rng).id for i in range(n)]


def actions_plan(root: Path, n_actions: int, seed: int = 2026) -> str:
    """A data folder ``root`` with one realistic plan whose Concretiseren has ``n_actions`` actions
    (spread over its four goals, with who, when, status and a note each); the plan is set to be
    reopened at start. Returns its id."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    settings = Settings(root)
    store = PlanStore(root, settings.device_id)
    method = load_method()
    rng = random.Random(seed)
    plan = realistic_plan(store, method, "Stappenplan met veel acties", rng)
    goals = [item["id"] for item in plan.items("concretiseren", "doelen")]
    for i in range(n_actions - len(plan.items("concretiseren", "acties"))):
        plan.add_item("concretiseren", "acties", {
            "wat": rng.choice(SENTENCES), "doel": goals[i % len(goals)], "wie": rng.choice(WHO),
            "wanneer": rng.choice(WHEN), "status": rng.choice(STATUSES), "notitie": rng.choice(SHORT)})
    store.save(plan)
    settings.set("last_plan", plan.id)
    return plan.id
