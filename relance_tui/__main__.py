from relance_tui.cli import main

main()
