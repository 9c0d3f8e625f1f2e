"""The outbox on its own: order, durability across reopening, refusals kept apart, and items
a replaced key cannot open set aside instead of blocking the queue."""

from __future__ import annotations

from kiosk.platform.crypto import PayloadCipher, load_or_create_key
from kiosk.platform.localdb import LocalDB
from kiosk.platform.outbox import Outbox


def test_items_come_out_in_order_and_survive_reopening(tmp_path):
    key = load_or_create_key(tmp_path / "outbox.key")
    outbox = Outbox(LocalDB(tmp_path / "k.sqlite"), PayloadCipher(key))
    for n in range(3):
        outbox.enqueue("help_request", "POST", "/api/v1/help-requests", f"{n}".encode(),
                       f"key-{n:05d}")
    outbox.db.close()
    again = Outbox(LocalDB(tmp_path / "k.sqlite"),
                   PayloadCipher(load_or_create_key(tmp_path / "outbox.key")))
    first, _due = again.head()
    assert first is not None and first.body == b"0" and first.idempotency_key == "key-00000"
    again.acknowledge(first.seq)
    second, _due = again.head()
    again.refuse(second.seq, 409, "evaluation_exists")
    stats = again.stats()
    assert (stats.depth, stats.dead) == (1, 1)
    assert again.retry_dead() == 1 and again.stats().depth == 2
    assert again.db.integrity_check() == "ok"


def test_an_item_the_key_cannot_open_is_set_aside(tmp_path):
    old = Outbox(LocalDB(tmp_path / "k.sqlite"), PayloadCipher(b"a" * 32))
    old.enqueue("help_request", "POST", "/api/v1/help-requests", b"old", "key-old-001")
    old.db.close()
    new = Outbox(LocalDB(tmp_path / "k.sqlite"), PayloadCipher(b"b" * 32))
    new.enqueue("help_request", "POST", "/api/v1/help-requests", b"new", "key-new-001")
    item, _due = new.head()
    assert item is not None and item.body == b"new"
    assert new.stats().dead == 1
