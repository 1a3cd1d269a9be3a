using ChatRouter.Cli;

return await ChatRouterCli.RunAsync(args, Console.In, Console.Out, Console.Error, CancellationToken.None);
