from polyglot.cli import main

main()
