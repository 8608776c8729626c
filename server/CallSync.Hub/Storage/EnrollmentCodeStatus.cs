namespace CallSync.Hub.Storage;

/// <summary>What presenting an enrollment code found.</summary>
internal enum EnrollmentCodeStatus
{
    /// <summary>Valid and now used up.</summary>
    Valid,

    /// <summary>No such code was ever issued.</summary>
    Unknown,

    /// <summary>Issued for another device (left unused).</summary>
    OtherDevice,

    /// <summary>Already used once.</summary>
    Used,

    /// <summary>Past its expiry (and now used up).</summary>
    Expired,
}
