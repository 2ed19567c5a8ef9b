using System.Globalization;

namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>A small recursive-descent parser for Fabric's endorsement policy language.</summary>
internal sealed class PolicyParser
{
    private readonly string _text;
    private int _position;

    private PolicyParser(string text) => _text = text;

    public static EndorsementPolicy Parse(string text)
    {
        var trimmed = text.Trim();
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 1 or 2 && (words.Length == 1 || words[1].Equals("Endorsement", StringComparison.OrdinalIgnoreCase)))
        {
            ImplicitMetaRule? rule = words[0].ToUpperInvariant() switch
            {
                "MAJORITY" => ImplicitMetaRule.Majority,
                "ANY" => ImplicitMetaRule.Any,
                "ALL" => ImplicitMetaRule.All,
                _ => null,
            };
            if (rule is not null)
            {
                return new ImplicitMetaPolicy(rule.Value);
            }
        }

        var parser = new PolicyParser(trimmed);
        var policy = parser.ParseExpression();
        parser.SkipSpace();
        if (parser._position != parser._text.Length)
        {
            throw parser.Error("unexpected text after the policy");
        }

        return policy;
    }

    private EndorsementPolicy ParseExpression()
    {
        SkipSpace();
        if (Peek() is '\'' or '"')
        {
            return new SignedByPolicy(ParsePrincipal());
        }

        var name = ReadIdentifier();
        Expect('(');
        EndorsementPolicy result;
        switch (name.ToUpperInvariant())
        {
            case "AND":
            {
                var children = ParseList();
                result = new OutOfPolicy(children.Count, children);
                break;
            }

            case "OR":
            {
                var children = ParseList();
                result = new OutOfPolicy(1, children);
                break;
            }

            case "OUTOF":
            {
                var required = ReadInteger();
                Expect(',');
                var children = ParseList();
                if (required < 0 || required > children.Count)
                {
                    throw Error($"OutOf needs between 0 and {children.Count} sub-policies, not {required}");
                }

                result = new OutOfPolicy(required, children);
                break;
            }

            default:
                throw Error($"unknown operator '{name}' (expected AND, OR or OutOf)");
        }

        Expect(')');
        return result;
    }

    private List<EndorsementPolicy> ParseList()
    {
        var children = new List<EndorsementPolicy> { ParseExpression() };
        SkipSpace();
        while (Peek() == ',')
        {
            _position++;
            children.Add(ParseExpression());
            SkipSpace();
        }

        return children;
    }

    private PolicyPrincipal ParsePrincipal()
    {
        var quote = _text[_position++];
        var end = _text.IndexOf(quote, _position);
        if (end < 0)
        {
            throw Error("unterminated principal");
        }

        var body = _text[_position..end];
        _position = end + 1;
        var dot = body.LastIndexOf('.');
        if (dot <= 0 || dot == body.Length - 1)
        {
            throw Error($"principal '{body}' is not of the form 'MSPID.role'");
        }

        PrincipalRole? role = body[(dot + 1)..].ToUpperInvariant() switch
        {
            "MEMBER" => PrincipalRole.Member,
            "ADMIN" => PrincipalRole.Admin,
            "CLIENT" => PrincipalRole.Client,
            "PEER" => PrincipalRole.Peer,
            "ORDERER" => PrincipalRole.Orderer,
            _ => null,
        };
        return role is null
            ? throw Error($"unknown role '{body[(dot + 1)..]}' (expected member, admin, client, peer or orderer)")
            : new PolicyPrincipal(body[..dot], role.Value);
    }

    private string ReadIdentifier()
    {
        var start = _position;
        while (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
        {
            _position++;
        }

        return start == _position ? throw Error("expected AND, OR, OutOf or a quoted principal") : _text[start.._position];
    }

    private int ReadInteger()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        return start == _position
            ? throw Error("expected a number")
            : int.Parse(_text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private void Expect(char expected)
    {
        SkipSpace();
        if (Peek() != expected)
        {
            throw Error($"expected '{expected}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string message) =>
        new($"Invalid endorsement policy \"{_text}\" at position {_position}: {message}.");
}
