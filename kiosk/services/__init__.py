"""The citizen services' logic below the screens: what happens, in what order, with which
device and platform calls. No Kivy here; the screens call these from worker threads."""
