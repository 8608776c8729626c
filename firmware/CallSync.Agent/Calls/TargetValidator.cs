using System.Text.RegularExpressions;
using CallSync.Sip.Syntax;

namespace CallSync.Agent.Calls;

/// <summary>What the phone accepts as a dial target: a number (digits, *, #, optional leading +) or a SIP URI.</summary>
internal static partial class TargetValidator
{
    /// <summary>True when <paramref name="target"/> can be dialled; otherwise <paramref name="reason"/> says why.</summary>
    public static bool IsValid(string? target, out string reason)
    {
        reason = "";
        if (string.IsNullOrWhiteSpace(target))
        {
            reason = "nothing to dial";
            return false;
        }

        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            if (SipUri.TryParse(target, out var uri) && uri.Scheme != SipUriScheme.Tel)
            {
                return true;
            }

            reason = $"'{target}' is not a SIP URI (expected sip:user@host)";
            return false;
        }

        if (NumberPattern().IsMatch(target))
        {
            return true;
        }

        reason = $"'{target}' is not a number (expected digits, * and #, optionally with a leading +) or a SIP URI";
        return false;
    }

    [GeneratedRegex(@"^\+?[0-9*#]{1,32}$")]
    private static partial Regex NumberPattern();
}
