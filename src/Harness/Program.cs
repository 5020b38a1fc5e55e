using Observatory.Harness.Cli;

return CliApp.Run(args);
