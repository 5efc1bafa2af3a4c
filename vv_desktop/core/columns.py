"""The stored names inside an answer: the columns of list items and the parts of answer keys.

They are part of the file format (saved plans and .vvplan files use them): a rename here needs a
migration. What each field type does with them is declared in :mod:`vv_desktop.core.fields`.
"""

TEXT = "tekst"  # a line of a list, an objective, an own statement
WHAT, GOAL, WHO, LEVEL, WHEN, STATUS, NOTE = "wat", "doel", "wie", "niveau", "wanneer", "status", "notitie"
STANCE, WHY, TOP = "keuze", "toelichting", "top"  # the parts of one statement's answer
SNAPSHOT = "overzicht"  # action_progress: how far each action was when its round ended
STANCES = ("eens", "neutraal", "oneens")  # the values of STANCE

ACTION_COLUMNS = (WHAT, GOAL, WHO, LEVEL, WHEN, STATUS)
SNAPSHOT_COLUMNS = (WHAT, WHO, WHEN, STATUS, NOTE)
