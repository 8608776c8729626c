using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Admin section: declared keys and how they become <see cref="AdminOptions"/>.</summary>
internal static class AdminKeys
{
    public const int MinPasswordLength = 8;
    public const int MinPasswordDistinct = 5;

    public static readonly ConfigSection Section = new("Admin",
        $"The bootstrap administrator, created at start when it does not exist yet (never changed afterwards). Its password must " +
        $"have at least {MinPasswordLength} characters and {MinPasswordDistinct} different ones, must not be one short piece " +
        "repeated, and must not be a value printed in this documentation.");

    public static readonly ConfigKey<string?> User = Section.Optional("User", ConfigValues.Text(UserIdRules.Description, UserIdRules.IsValid),
        "the administrator's user id");

    public static readonly ConfigKey<string?> Password = Section.Optional("Password", ConfigValues.Text("a password of at most 256 characters"),
        "its password; required when `Admin:User` is set", ConfigKeyFlags.Secret);

    public static AdminOptions Read(ConfigReader reader)
    {
        var user = reader.Get(User);
        var password = reader.Get(Password);
        if (user is not null && password is null && !reader.HasProblem(Password))
        {
            reader.Missing(Password, $"a password of at least {MinPasswordLength} characters (Admin:User is set)");
        }
        else if (password is not null && SecretRules.Weakness(password, MinPasswordLength, MinPasswordDistinct) is { } weakness)
        {
            reader.Fail(Password, $"a password {weakness}");
        }

        return new AdminOptions { User = user, Password = password };
    }
}
