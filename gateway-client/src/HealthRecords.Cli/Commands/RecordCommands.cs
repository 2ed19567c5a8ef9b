using System.CommandLine;
using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec record add|get|list</c>.</summary>
internal static class RecordCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("record", "Add record pointers, read them with verified proofs and content, list them");
        command.Subcommands.Add(CreateAdd(factory));
        command.Subcommands.Add(CreateGet(factory));
        command.Subcommands.Add(CreateList(factory));
        return command;
    }

    private static Command CreateAdd(CommandFactory factory)
    {
        var add = new Command("add", "Hash a file, optionally sign and encrypt it, store it (or record a given URI), and add its pointer");
        var file = new Argument<FileInfo>("file") { Description = "The content (for example a FHIR JSON resource)" };
        var patient = CommandFactory.PatientOption();
        var category = new Option<string>("--category", "-c") { Description = "Record category (laboratory, vital-signs, ...)", Required = true };
        var type = new Option<string>("--type", "-t") { Description = "FHIR resource type (Observation, DiagnosticReport, ...)", Required = true };
        var mediaType = new Option<string?>("--media-type") { Description = "Media type of the stored bytes (default from the file name; application/pkcs7-mime when signed or encrypted)" };
        var location = new Option<string?>("--location") { Description = "Record this URI (https, ipfs, urn) instead of storing the content in the content-addressed store" };
        var store = new Option<string?>("--store") { Description = $"Content-addressed store folder (default ${ContentStore.StoreVariable}, else cas/ beside the profile)" };
        var purpose = new Option<string?>("--purpose") { Description = "Purpose of a device's append (default treatment)" };
        var sign = new Option<bool>("--sign") { Description = "Wrap the content in CMS SignedData signed by the acting identity (device readings)" };
        var encryptFor = new Option<string[]>("--encrypt-for") { Description = "Encrypt the content (CMS) for these profile identities; repeatable", AllowMultipleArgumentsPerToken = true };
        add.Arguments.Add(file);
        foreach (var option in new Option[] { patient, category, type, mediaType, location, store, purpose, sign, encryptFor })
        {
            add.Options.Add(option);
        }

        factory.Handle(add, async (parse, context, ct) =>
        {
            var source = parse.GetRequiredValue(file);
            if (!source.Exists)
            {
                throw new CliException(ExitCodes.NotFound, "FILE_NOT_FOUND", $"no such file: {source.FullName}");
            }

            var content = await File.ReadAllBytesAsync(source.FullName, ct).ConfigureAwait(false);
            var publisher = new RecordPublisher(context, ContentStore.Open(parse.GetValue(store), context.ProfilePath));
            var response = await publisher.AddAsync(
                new RecordContent(
                    context.PatientId(parse.GetValue(patient)),
                    parse.GetRequiredValue(type),
                    parse.GetRequiredValue(category),
                    content,
                    parse.GetValue(mediaType) ?? MediaTypes.FromFileName(source.Name))
                {
                    Location = parse.GetValue(location),
                    Purpose = parse.GetValue(purpose),
                    Sign = parse.GetValue(sign),
                    EncryptFor = parse.GetValue(encryptFor) ?? [],
                },
                ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Markup($"[green]added[/] record [bold]{Markup.Escape(response.Record.RecordId)}[/]");
            RenderPointer(context.Output, response.Record);
            context.Output.Fields(("history", $"leaf {response.History.LeafIndex}, size {response.History.TreeSize}, root {response.History.RootHash}"));
            return ExitCodes.Success;
        });
        return add;
    }

    private static Command CreateGet(CommandFactory factory)
    {
        var get = new Command("get", "Read a record pointer (a logged, consent-checked read unless --unlogged) and verify its proof; --verify also fetches the content and checks its hash");
        var recordId = new Argument<string>("record-id") { Description = "The record id (rec-...)" };
        var purpose = new Option<string>("--purpose") { Description = "Why you read it (treatment, emergency, research, payment, operations)", DefaultValueFactory = _ => "treatment" };
        var unlogged = new Option<bool>("--unlogged") { Description = "Use GetRecord (patient, delegate or custodian only; no access-log entry)" };
        var verify = new Option<bool>("--verify") { Description = "Fetch the content and check its SHA-256 and size against the ledger" };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the fetched content to this file (implies --verify)" };
        var store = new Option<string?>("--store") { Description = $"Content-addressed store folder (default ${ContentStore.StoreVariable}, else cas/ beside the profile)" };
        var decrypt = new Option<bool>("--decrypt") { Description = "Decrypt the content (CMS) with the acting identity's key (implies --verify)" };
        var checkSignature = new Option<bool>("--check-signature") { Description = "Check the content's CMS signature (device readings) against the profile's CAs and unwrap it (implies --verify)" };
        get.Arguments.Add(recordId);
        foreach (var option in new Option[] { purpose, unlogged, verify, output, store, decrypt, checkSignature })
        {
            get.Options.Add(option);
        }

        factory.Handle(get, async (parse, context, ct) =>
        {
            var reader = new RecordReader(context, ContentStore.Open(parse.GetValue(store), context.ProfilePath));
            var outFile = parse.GetValue(output);
            var result = await reader.ReadAsync(
                parse.GetRequiredValue(recordId),
                new RecordReadOptions
                {
                    Purpose = parse.GetValue(purpose) ?? "treatment",
                    Unlogged = parse.GetValue(unlogged),
                    FetchContent = parse.GetValue(verify) || outFile is not null,
                    Decrypt = parse.GetValue(decrypt),
                    CheckSignature = parse.GetValue(checkSignature),
                },
                ct).ConfigureAwait(false);
            if (outFile is not null && result.Content is not null)
            {
                await File.WriteAllBytesAsync(outFile.FullName, result.Content, ct).ConfigureAwait(false);
            }

            context.Output.Result(result.ToJson(outFile?.FullName));
            RenderPointer(context.Output, result.Record);
            context.Output.Markup($"[green]proof verified[/]: leaf {result.Proof.LeafIndex} of {result.Proof.TreeSize}, root {Markup.Escape(result.Proof.RootHash)}");
            if (result.Access is not null)
            {
                context.Output.Line($"access logged: {result.Access.AccessId} (basis {result.Access.Basis}{(result.Access.ConsentId is null ? string.Empty : ", consent " + result.Access.ConsentId)})");
            }

            if (result.Stored is not null)
            {
                context.Output.Markup($"[green]content verified[/]: {result.Stored.Length} bytes match sha256 {Markup.Escape(result.Record.ContentHash)}{(outFile is null ? string.Empty : " -> " + Markup.Escape(outFile.FullName))}");
            }

            if (result.Signer is not null)
            {
                context.Output.Markup($"[green]signature verified[/]: signed by {Markup.Escape(result.Signer)}");
            }

            return ExitCodes.Success;
        });
        return get;
    }

    private static Command CreateList(CommandFactory factory)
    {
        var list = new Command("list", "List a patient's record summaries (others than the patient need --category and read consent)");
        var patient = CommandFactory.PatientOption();
        var category = new Option<string?>("--category", "-c") { Description = "Only this category (required for anyone but the patient)" };
        var purpose = new Option<string?>("--purpose") { Description = "Purpose of the listing (for consent checks; default treatment)" };
        var pageSize = new Option<int?>("--page-size") { Description = "Records per page (1-200, default 50)" };
        var bookmark = new Option<string?>("--bookmark") { Description = "Continue after this bookmark (from a previous page)" };
        foreach (var option in new Option[] { patient, category, purpose, pageSize, bookmark })
        {
            list.Options.Add(option);
        }

        factory.Handle(list, async (parse, context, ct) =>
        {
            var response = await context.Client().ListRecordsAsync(
                new ListRecordsRequest(context.PatientId(parse.GetValue(patient)), parse.GetValue(category), parse.GetValue(purpose), parse.GetValue(pageSize), parse.GetValue(bookmark)),
                ct).ConfigureAwait(false);
            context.Output.Result(response);
            var table = new Table().AddColumns("record", "category", "type", "custodian", "recorded", "version");
            foreach (var record in response.Records)
            {
                table.AddRow(
                    Markup.Escape(record.RecordId),
                    Markup.Escape(record.Category),
                    Markup.Escape(record.ResourceType),
                    Markup.Escape(record.Custodian),
                    Markup.Escape(CliOutput.Format(record.RecordedAt)),
                    record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            context.Output.Render(table);
            context.Output.Line($"{response.Records.Count} record(s){(response.Bookmark.Length > 0 ? "; more with --bookmark " + response.Bookmark : string.Empty)}");
            return ExitCodes.Success;
        });
        return list;
    }

    internal static void RenderPointer(CliOutput output, RecordPointer record) => output.Fields(
        ("record", record.RecordId),
        ("patient", record.PatientId),
        ("type", $"{record.ResourceType} ({record.Category})"),
        ("custodian", record.Custodian),
        ("location", record.Location),
        ("sha256", record.ContentHash),
        ("size", record.Size),
        ("media type", record.MediaType),
        ("recorded", record.RecordedAt),
        ("version", record.Version));
}
