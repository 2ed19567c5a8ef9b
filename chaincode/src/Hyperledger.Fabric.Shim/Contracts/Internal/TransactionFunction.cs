using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Hyperledger.Fabric.Shim.Contracts.Internal;

/// <summary>One transaction function: how to bind its arguments, call it and marshal its result.</summary>
internal sealed class TransactionFunction
{
    private readonly MethodInfo _method;
    private readonly Type _contextType;

    private TransactionFunction(MethodInfo method, TransactionAttribute attribute, string name, Type contextType, ParameterInfo[] parameters, Type? resultType)
    {
        _method = method;
        _contextType = contextType;
        Name = name;
        Type = attribute.Type;
        Description = attribute.Description;
        Parameters = parameters;
        ResultType = resultType;
    }

    public string Name { get; }

    public TransactionType Type { get; }

    public string? Description { get; }

    /// <summary>The parameters after the context.</summary>
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>The value type the function produces (Task/ValueTask unwrapped); null for none.</summary>
    public Type? ResultType { get; }

    public ParameterInfo ReturnParameter => _method.ReturnParameter;

    /// <summary>Describes <paramref name="method"/>; throws <see cref="ArgumentException"/> when its shape is not supported.</summary>
    public static TransactionFunction Create(MethodInfo method, TransactionAttribute attribute)
    {
        var where = $"{method.DeclaringType?.Name}.{method.Name}";
        var all = method.GetParameters();
        if (all.Length == 0 || !typeof(ContractContext).IsAssignableFrom(all[0].ParameterType))
        {
            throw new ArgumentException($"transaction {where} must take a ContractContext (or a derived context) as its first parameter");
        }

        if (method.IsGenericMethodDefinition || all.Any(p => p.ParameterType.IsByRef))
        {
            throw new ArgumentException($"transaction {where} cannot be generic or take ref/out parameters");
        }

        var name = attribute.Name ?? (method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5 ? method.Name[..^5] : method.Name);
        return new TransactionFunction(method, attribute, name, all[0].ParameterType, all[1..], UnwrapResultType(method.ReturnType));
    }

    /// <summary>Converts the raw arguments; throws <see cref="ChaincodeException"/> with a message for the caller on a mismatch.</summary>
    public object?[] BindArguments(ContractContext context, IReadOnlyList<byte[]> arguments, JsonSerializerOptions serializerOptions)
    {
        if (!_contextType.IsInstanceOfType(context))
        {
            throw new InvalidOperationException($"transaction '{Name}' needs a {_contextType.Name}, but CreateContext returned a {context.GetType().Name}");
        }

        if (arguments.Count != Parameters.Count)
        {
            throw RouterErrors.InvalidArgument($"Transaction '{Name}' expects {Parameters.Count} argument(s) but received {arguments.Count}");
        }

        var values = new object?[Parameters.Count + 1];
        values[0] = context;
        for (var i = 0; i < Parameters.Count; i++)
        {
            values[i + 1] = ConvertArgument(Parameters[i], arguments[i], serializerOptions);
        }

        return values;
    }

    /// <summary>Calls the method and awaits it; exceptions from the method come out unwrapped.</summary>
    public async Task<object?> InvokeAsync(Contract contract, object?[] arguments)
    {
        var returned = _method.Invoke(contract, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        var returnType = _method.ReturnType;
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return returnType.IsGenericType ? returnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            case not null when returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)returnType.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                await asTask.ConfigureAwait(false);
                return asTask.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(asTask);
            default:
                return returnType == typeof(void) ? null : returned;
        }
    }

    /// <summary>Turns a result into the response payload.</summary>
    public static ChaincodeResponse ToResponse(object? result, JsonSerializerOptions serializerOptions) => result switch
    {
        null => ChaincodeResponse.Success(),
        ChaincodeResponse response => response,
        string text => ChaincodeResponse.Success(Encoding.UTF8.GetBytes(text)),
        byte[] bytes => ChaincodeResponse.Success(bytes),
        ReadOnlyMemory<byte> memory => ChaincodeResponse.Success(memory),
        _ => ChaincodeResponse.Success(JsonSerializer.SerializeToUtf8Bytes(result, result.GetType(), serializerOptions)),
    };

    private object? ConvertArgument(ParameterInfo parameter, byte[] raw, JsonSerializerOptions serializerOptions)
    {
        var type = parameter.ParameterType;
        if (type == typeof(string))
        {
            return DecodeUtf8(parameter, raw);
        }

        if (type == typeof(byte[]))
        {
            return raw;
        }

        if (type == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(raw);
        }

        try
        {
            var value = JsonSerializer.Deserialize(raw, type, serializerOptions);
            if (value is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
            {
                throw new JsonException("null is not allowed");
            }

            return value;
        }
        catch (JsonException e)
        {
            throw RouterErrors.InvalidArgument($"Argument '{parameter.Name}' of transaction '{Name}' is not valid JSON for type {FriendlyName(type)}: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            throw RouterErrors.InvalidArgument($"Argument '{parameter.Name}' of transaction '{Name}' cannot be read as {FriendlyName(type)}: {e.Message}");
        }
    }

    private string DecodeUtf8(ParameterInfo parameter, byte[] raw)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw RouterErrors.InvalidArgument($"Argument '{parameter.Name}' of transaction '{Name}' is not valid UTF-8");
        }
    }

    private static Type? UnwrapResultType(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return null;
        }

        if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return returnType.GetGenericArguments()[0];
        }

        return returnType;
    }

    internal static string FriendlyName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return FriendlyName(underlying) + "?";
        }

        return type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>"
            : type.Name;
    }
}
