"""The four phases of the method, in their order: the ids that plans store and files are named by."""

PHASE_IDS: tuple[str, ...] = ("agenderen", "concretiseren", "uitvoeren", "verduurzamen")
