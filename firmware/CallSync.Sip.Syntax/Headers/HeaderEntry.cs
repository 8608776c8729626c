namespace CallSync.Sip.Syntax;

/// <summary>Where one header line sits in a message buffer: offsets only, no strings.</summary>
internal readonly record struct HeaderEntry(SipHeaderKind Kind, int NameStart, int NameLength, int ValueStart, int ValueLength, bool Folded);
