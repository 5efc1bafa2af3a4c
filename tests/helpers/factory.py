"""A realistic plan for tests, screenshots and (later) PDF fixtures: a hockey club halfway through."""

from __future__ import annotations

from vv_desktop.core.model import Plan, cell_key
from vv_desktop.core.rounds import start_round
from vv_desktop.core.store import PlanStore
from vv_desktop.core.worksheets import Method


def hockey_club_halfway(store: PlanStore, method: Method, name: str = "Stappenplan 2026-2027") -> Plan:
    plan = store.create(name, "Mixed Hockey Club Vleuten", "sport")
    plan.set_club("contact_role", "Vertrouwenscontactpersoon")
    plan.set_club("contact_email", "vertrouwen@mhcvleuten.nl")

    a = "agenderen"
    plan.set_answer(a, cell_key("besproken", "bestuur", "datum"), "03-09-2026")
    plan.set_answer(a, cell_key("besproken", "bestuur", "uitkomst"), "Bestuur wil er dit seizoen werk van maken")
    plan.set_answer(a, cell_key("besproken", "trainers", "datum"), "17-09-2026")
    plan.set_answer(a, cell_key("besproken", "trainers", "uitkomst"), "Trainers merken druk bij selectieteams")
    plan.set_answer(a, cell_key("besproken", "jongeren", "uitkomst"), "Stellingen gedaan met de jeugdraad")
    plan.set_answer(a, "al_bezig", "We hebben een vertrouwenscontactpersoon en een gedragscode. "
                                   "Na elke training is er een kwartier 'derde helft' zonder programma.")
    plan.set_answer(a, "voortbouwen", "De buurtsportcoach en de jongerenwerker van Vleuten willen meedenken.")
    plan.set_answer(a, "kansen", "De nieuwe jeugdcommissie; de trainerscursus in januari.")
    plan.set_answer(a, cell_key("kaders", "bestuur", "kader"), "Besluit over geld en beleid")
    for sid, stance, top in (("s1", "oneens", True), ("s2", "neutraal", True), ("s4", "eens", True),
                             ("s5", "eens", False)):
        plan.set_answer(a, cell_key("stellingen", sid, "keuze"), stance)
        plan.set_answer(a, cell_key("stellingen", sid, "top"), top)
    plan.set_answer(a, cell_key("stellingen", "s4", "toelichting"), "Vooral bij wedstrijden van de selectie")
    plan.set_status(a, "afgerond")

    c = "concretiseren"
    goals = [plan.add_item(c, "doelen", {"tekst": t}) for t in (
        "Elke trainer weet wat hij kan doen als een jongere stress heeft",
        "Jongeren praten mee over de regels langs de lijn",
    )]
    plan.set_answer(c, cell_key("behoeften", "trainers", "behoefte"), "Korte training: hoe begin je het gesprek?")
    plan.set_answer(c, cell_key("behoeften", "jongeren", "behoefte"), "Minder schreeuwende ouders langs de lijn")
    for what, goal, who, level, when, status in (
        ("Workshop 'het gesprek beginnen' voor trainers", goals[0], "Technisch coördinator", "trainers",
         "januari 2027", "bezig"),
        ("Jeugdraad schrijft de regels langs de lijn", goals[1], "Voorzitter jeugdraad", "jongeren",
         "voor de zomer", "gepland"),
        ("Poster in de kantine", goals[1], "Secretaris", "leden", "oktober", "klaar"),
    ):
        plan.add_item(c, "acties", {"wat": what, "doel": goal, "wie": who, "niveau": level, "wanneer": when,
                                    "status": status})
    plan.add_item(c, "eigen_tips", {"tekst": "Plan het gesprek op een vaste avond, niet na een verloren wedstrijd"})

    u = "uitvoeren"
    plan.set_answer(u, cell_key("check", "trainers", "score"), 3)
    plan.set_answer(u, cell_key("check", "trainers", "uitleg"), "Helft van de trainers deed mee")
    plan.set_answer(u, "input_impact", "Leden zeggen dat het sfeer geeft, maar het moet niet te zwaar worden.")
    start_round(plan, method, a, copy_previous=True)
    plan.set_answer(a, "kansen", "De nieuwe jeugdcommissie; de trainerscursus in januari; de ouderavond.")
    store.save(plan)
    return plan
