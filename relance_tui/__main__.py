from relance_tui.launch import entry

entry()
