"""The cards of a long list (actions), kept in step with the plan's items without rebuilding them.

A plan can hold hundreds of actions, each a card of a dozen widgets. Building them all before a
page shows would keep the window frozen for a second or more, and rebuilding them all after one
card was added, removed or moved, too. So:

- a card is made once per item and afterwards updated in place (its number, its values);
- a new list shows its first screenful at once and builds the rest in small batches from a
  zero-timer, each well within a frame, so the window keeps reacting (``finish()`` builds the
  rest at once for whoever needs a card that is not there yet: undo, a change of the list);
- the Tab order is put right only where the cards changed (the page's Tab order stays as it is);
- the choices of the combo boxes are one model per list, shared by every card (``choice_model``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from vv_desktop.ui.fields.base import drop

FIRST_CARDS = 12  # about a screenful, built at once
BATCH_SECONDS = 0.005  # the rest in batches of about this long; Qt then shows them (a frame is 16 ms)


class Card(Protocol):
    item_id: str
    tab_widgets: list[QWidget]  # the card's widgets that Tab reaches, in reading order

    def show_item(self, number: int, total: int, item: dict[str, Any]) -> None: ...


def choice_model(choices: Sequence[tuple[str, str]], parent: QObject) -> QStandardItemModel:
    """One model of (value, label) choices, for every combo box of a list (``QComboBox.setModel``)."""
    model = QStandardItemModel(parent)
    set_choices(model, choices)
    return model


def set_choices(model: QStandardItemModel, choices: Sequence[tuple[str, str]]) -> None:
    model.clear()
    for value, label in choices:
        row = QStandardItem(label)
        row.setData(value, Qt.ItemDataRole.UserRole)
        row.setEditable(False)
        model.appendRow(row)


def shared_combo(model: QStandardItemModel, current: str, read_only: bool, name: str,
                 parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setModel(model)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.setEnabled(not read_only)
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


class CardList(QObject):
    """The cards of one list field, in ``layout``, before the widgets of ``tail`` in the Tab order.

    ``items()`` gives the model's items in order; ``make(number, total, item)`` builds a card.
    """

    def __init__(self, owner: QWidget, layout: QVBoxLayout, items: Callable[[], list[dict[str, Any]]],
                 make: Callable[[int, int, dict[str, Any]], Card], tail: Sequence[QWidget]):
        super().__init__(owner)
        self.layout = layout
        self.items = items
        self.make = make
        self.tail = list(tail)
        self.cards: list[Card] = []
        self.total = 0  # the items the list shows, built or not yet
        self.chain: list[QWidget] = []  # the Tab order of the cards and the tail, as last set
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._build_more)
        # While cards are still to come, their room is kept free below the built ones, so the page
        # does not grow (and lay out every card again) with each batch.
        self.room = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.room_kept = False

    def pending(self) -> bool:
        """True while some cards are still to be built."""
        return len(self.cards) < self.total

    def card(self, item_id: str) -> Card | None:
        if self.pending():
            self.finish()
        return next((c for c in self.cards if c.item_id == item_id), None)

    def finish(self) -> None:
        """Build the cards that are still to come, now."""
        if self.pending():
            self.sync(lazy=False)

    def sync(self, lazy: bool = False) -> None:
        """Show the items as the model has them: keep and update the cards of the items that stay,
        make cards for new ones, drop those of removed ones. ``lazy``: a first screenful now, the
        rest from a zero-timer."""
        self.timer.stop()
        items = self.items()
        old = {card.item_id: card for card in self.cards}
        self.total = len(items)
        # Lazy: at least the cards there are already, the others later.
        count = min(self.total, max(FIRST_CARDS, len(self.cards))) if lazy else self.total
        cards: list[Card] = []
        for number, item in enumerate(items[:count], start=1):
            card = old.pop(item["id"], None)
            if card is None:
                card = self.make(number, self.total, item)
            else:
                card.show_item(number, self.total, item)
            cards.append(card)
        for card in old.values():  # removed actions (or, lazily, ones that are to come again later)
            for combo in card.findChildren(QComboBox):  # their shared choices may change before Qt deletes them
                combo.blockSignals(True)
            drop(card)
        for index, card in enumerate(cards):
            at = self.layout.itemAt(index)
            if at is None or at.widget() is not card:
                self.layout.removeWidget(card)
                self.layout.insertWidget(index, card)
        self.cards = cards
        self._put_in_tab_order()
        self._keep_room()
        if self.pending():
            self.timer.start()

    def _keep_room(self) -> None:
        box = self.layout.parentWidget()
        if self.pending() and self.cards:
            one = max(c.sizeHint().height() for c in self.cards[:3]) + max(self.layout.spacing(), 0)
            if not self.room_kept:
                self.layout.addItem(self.room)
                self.room_kept = True
            box.setMinimumHeight(one * self.total)
        elif self.room_kept:
            self.layout.removeItem(self.room)
            self.room_kept = False
            box.setMinimumHeight(0)

    def _build_more(self) -> None:
        items = self.items()
        if len(items) != self.total or any(c.item_id != i["id"] for c, i in zip(self.cards, items, strict=False)):
            self.sync()  # the list changed in between without a sync: put everything right at once
            return
        start = time.perf_counter()
        before = len(self.cards)
        while self.pending() and (time.perf_counter() - start < BATCH_SECONDS):
            number = len(self.cards) + 1
            card = self.make(number, self.total, items[number - 1])
            self.layout.insertWidget(number - 1, card)
            card.show()  # now, not from the event loop: styling it is part of the batch
            self.cards.append(card)
        # The new cards come in the Tab order right after the last one before them.
        previous = self.chain[len(self.chain) - len(self.tail) - 1] if len(self.chain) > len(self.tail) else None
        new = [w for card in self.cards[before:] for w in card.tab_widgets]
        self.chain[len(self.chain) - len(self.tail):len(self.chain) - len(self.tail)] = new
        for widget in new if previous is not None else ():
            QWidget.setTabOrder(previous, widget)
            previous = widget
        if self.pending():
            self.timer.start()
        else:
            self._keep_room()

    def _put_in_tab_order(self) -> None:
        """Tab through the cards as they stand, changing only the part of the chain that changed."""
        new = [w for card in self.cards for w in card.tab_widgets] + self.tail
        old = self.chain
        self.chain = new
        if not old:
            return  # a new list: the page puts its Tab order in place once it is built
        first = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b), min(len(old), len(new)))
        if first == len(new) and len(old) == len(new):
            return
        last_new, last_old = len(new), len(old)
        while last_new > first and last_old > first and old[last_old - 1] is new[last_new - 1]:
            last_new -= 1
            last_old -= 1
        # The common end is still in order behind the changed part (hidden, dropped cards aside).
        previous = new[first - 1] if first else old[0].previousInFocusChain()
        for widget in new[first:last_new]:
            QWidget.setTabOrder(previous, widget)
            previous = widget
