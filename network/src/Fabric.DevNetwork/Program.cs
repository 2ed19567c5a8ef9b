using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Hosting.Internal;

CommandLineOptions options;
try
{
    options = CommandLineOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Environment.NewLine + CommandLineOptions.Usage);
    return 2;
}

return await CommandRunner.RunAsync(options);
