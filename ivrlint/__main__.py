from ivrlint.cli import main

main()
