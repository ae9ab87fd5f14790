import LambdaCostCommands

LambdaCostReportCommand.main()
