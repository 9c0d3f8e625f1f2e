"""What technicians use, on the kiosk's screen and over SSH: device discovery (`devices`),
platform checks (`platform_check`), tests in place (`checks`) and `kiosk doctor` (`doctor`).
Nothing here imports Kivy."""
