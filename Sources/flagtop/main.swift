import FlagtopCLI

FlagtopCommand.runMain()
