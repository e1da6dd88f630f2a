import FlagtopCLI
FlagtopCommand.main()
