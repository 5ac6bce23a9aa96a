from rashomon.cli import main

main()
