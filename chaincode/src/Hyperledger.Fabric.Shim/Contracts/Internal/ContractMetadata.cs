using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hyperledger.Fabric.Shim.Contracts.Internal;

/// <summary>
/// Builds the JSON that <c>org.hyperledger.fabric:GetMetadata</c> returns, in the shape of
/// fabric-contract-api's contract metadata: info, contracts (transactions with tags, parameters
/// and return schemas) and components.schemas for complex types.
/// </summary>
internal static class ContractMetadata
{
    public const string SchemaUrl = "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

    public static string Build(IReadOnlyList<ContractDescriptor> contracts, string defaultContract, ContractRouterOptions options)
    {
        var components = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var contractsNode = new JsonObject();
        foreach (var contract in contracts)
        {
            var transactions = new JsonArray();
            foreach (var function in contract.Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                transactions.Add(Transaction(function, options.SerializerOptions, components));
            }

            contractsNode[contract.Name] = new JsonObject
            {
                ["name"] = contract.Name,
                ["contractInstance"] = new JsonObject { ["name"] = contract.Name, ["default"] = contract.Name == defaultContract },
                ["info"] = new JsonObject
                {
                    ["title"] = contract.Info?.Title ?? contract.Name,
                    ["version"] = contract.Info?.Version ?? options.Version,
                    ["description"] = contract.Info?.Description ?? string.Empty,
                },
                ["transactions"] = transactions,
            };
        }

        contractsNode[ContractRouter.SystemContractName] = new JsonObject
        {
            ["name"] = ContractRouter.SystemContractName,
            ["contractInstance"] = new JsonObject { ["name"] = ContractRouter.SystemContractName },
            ["transactions"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = ContractRouter.GetMetadataFunction,
                    ["tag"] = new JsonArray("EVALUATE", "evaluateTx"),
                    ["parameters"] = new JsonArray(),
                    ["returns"] = new JsonObject { ["type"] = "string" },
                },
            },
        };

        var schemas = new JsonObject();
        foreach (var (name, schema) in components)
        {
            schemas[name] = schema;
        }

        var root = new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["info"] = new JsonObject { ["title"] = options.Title, ["version"] = options.Version },
            ["contracts"] = contractsNode,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
        return root.ToJsonString();
    }

    private static JsonObject Transaction(TransactionFunction function, JsonSerializerOptions serializer, IDictionary<string, JsonNode> components)
    {
        var parameters = new JsonArray();
        foreach (var parameter in function.Parameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = parameter.Name,
                ["description"] = string.Empty,
                ["schema"] = Schema(parameter.ParameterType, serializer, components),
            });
        }

        var node = new JsonObject
        {
            ["name"] = function.Name,
            ["tag"] = function.Type == TransactionType.Submit ? new JsonArray("SUBMIT", "submitTx") : new JsonArray("EVALUATE", "evaluateTx"),
            ["parameters"] = parameters,
        };
        if (function.Description is not null)
        {
            node["description"] = function.Description;
        }

        if (function.ResultType is not null)
        {
            node["returns"] = Schema(function.ResultType, serializer, components);
        }

        return node;
    }

    private static JsonNode Schema(Type type, JsonSerializerOptions serializer, IDictionary<string, JsonNode> components)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(char) || type == typeof(Guid))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long) || type == typeof(uint) || type == typeof(ulong))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(ChaincodeResponse) || type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return new JsonObject();
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Schema(dictionary.GetGenericArguments()[1], serializer, components) };
        }

        if (type.IsArray)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Schema(type.GetElementType()!, serializer, components) };
        }

        var enumerable = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is not null || typeof(IEnumerable).IsAssignableFrom(type))
        {
            var items = enumerable is null ? new JsonObject() : Schema(enumerable.GetGenericArguments()[0], serializer, components);
            return new JsonObject { ["type"] = "array", ["items"] = items };
        }

        var name = type.Name;
        if (!components.ContainsKey(name))
        {
            components[name] = new JsonObject(); // placeholder first: recursive types refer to themselves
            components[name] = ObjectSchema(type, serializer, components);
        }

        return new JsonObject { ["$ref"] = "#/components/schemas/" + name };
    }

    private static JsonObject ObjectSchema(Type type, JsonSerializerOptions serializer, IDictionary<string, JsonNode> components)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? serializer.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name;
            properties[name] = Schema(property.PropertyType, serializer, components);
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && nullability.Create(property).ReadState != NullabilityState.NotNull);
            if (!nullable)
            {
                required.Add(name);
            }
        }

        return new JsonObject
        {
            ["$id"] = type.Name,
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }
}
