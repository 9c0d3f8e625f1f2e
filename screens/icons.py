"""Material Icons by name, drawn with the icon font when the machine has it.

Icons help citizens who read little; they never carry meaning alone, every icon has words.
"""

from __future__ import annotations

GLYPHS = {
    "ticket": "\ue638",        # confirmation_number
    "checkin": "\ue614",       # event_available
    "guide": "\uea19",         # menu_book
    "form": "\ue745",          # edit_note
    "progress": "\uf02f",      # manage_search
    "evaluation": "\ue8dc",    # thumb_up
    "help": "\uf0e2",          # support_agent
    "home": "\ue88a",
    "text_size": "\ueae2",     # text_increase
    "language": "\ue8e2",      # translate
    "printer": "\ue8ad",       # print
    "id_reader": "\uea67",     # badge
    "camera": "\ue412",        # photo_camera
    "platform": "\ue2bf",      # cloud_done
    "construction": "\uea3c",
    "lock": "\ue897",
    "backspace": "\ue14a",
    "hourglass": "\ue88b",
    "touch": "\ue913",         # touch_app
    "next": "\ue5cc",          # chevron_right
    "previous": "\ue5cb",      # chevron_left
    "search": "\ue8b6",
    "scroll_up": "\ue5ce",     # expand_less
    "scroll_down": "\ue5cf",   # expand_more
    "back": "\ue5c4",          # arrow_back
    "info": "\ue88e",
    "warning": "\ue002",
    "error": "\ue000",
    "offline": "\ue648",       # wifi_off
    "done": "\ue86c",          # check_circle
    "priority": "\ue914",      # accessible
    "cancel": "\ue5c9",
    "qr": "\uf206",            # qr_code_scanner
    "star": "\ue838",
    "skip": "\ue044",          # skip_next
}


def glyph(name: str) -> str:
    return GLYPHS.get(name, "")
