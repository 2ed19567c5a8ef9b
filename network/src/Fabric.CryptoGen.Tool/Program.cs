using Fabric.CryptoGen;
using Fabric.CryptoGen.Tool;
using Hyperledger.Fabric.Identity;

// fabric-cryptogen: Fabric's cryptogen in C#, plus a connection-profile writer.
try
{
    var arguments = CommandLine.Parse(args);
    switch (arguments.Command)
    {
        case "generate":
        {
            var config = CryptoConfig.Load(arguments.Require("config"));
            var material = CryptoGenerator.Generate(config, arguments.Require("output"));
            foreach (var org in material.Organizations)
            {
                Console.WriteLine($"{org.Domain} ({org.MspId}): {org.Nodes.Count} node(s), {org.Users.Count} user(s)");
            }

            Console.WriteLine($"crypto material written to {material.RootDirectory}");
            return 0;
        }

        case "profile":
        {
            var config = CryptoConfig.Load(arguments.Require("config"));
            var material = CryptoMaterial.Describe(config, arguments.Require("crypto"));
            var missing = material.PeerOrganizations.SelectMany(o => o.Users).Select(u => u.SigningCertificatePath)
                .Concat(material.PeerOrganizations.Select(o => o.TlsCaCertificatePath))
                .FirstOrDefault(p => !File.Exists(p));
            if (missing is not null)
            {
                Console.Error.WriteLine($"error: {missing} does not exist; run 'fabric-cryptogen generate' with the same --config first");
                return 1;
            }

            var urls = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in arguments.All("peer-url"))
            {
                var split = value.IndexOf('=', StringComparison.Ordinal);
                if (split <= 0)
                {
                    throw new ArgumentException($"--peer-url '{value}' must be <peer name>=<grpcs://host:port>");
                }

                urls[value[..split]] = value[(split + 1)..];
            }

            var spec = new ConnectionProfileSpec(material, urls)
            {
                Name = arguments.Optional("name") ?? "healthrecords-dev",
                Channel = arguments.Optional("channel") ?? "healthchannel",
                Chaincode = arguments.Optional("chaincode") ?? "healthrecords",
                ClientOrganization = arguments.Optional("client-org"),
            };
            var output = arguments.Require("output");
            ConnectionProfileWriter.Write(output, spec);
            Console.WriteLine($"connection profile written to {Path.GetFullPath(output)}");
            return 0;
        }

        case "help":
        case "--help":
        case "-h":
        case "":
            Console.WriteLine(CommandLine.Usage);
            return 0;

        default:
            Console.Error.WriteLine($"error: unknown command '{arguments.Command}'\n\n{CommandLine.Usage}");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or CryptoConfigException or CryptoMaterialException or IOException or UnauthorizedAccessException)
{
    // ArgumentException appends " (Parameter 'x')", which means nothing to a command-line user.
    var message = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
    Console.Error.WriteLine("error: " + message);
    return 1;
}
