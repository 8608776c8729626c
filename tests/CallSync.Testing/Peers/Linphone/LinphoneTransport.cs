namespace CallSync.Testing.Peers.Linphone;

/// <summary>The SIP transport of a call to or from linphone.</summary>
public enum LinphoneTransport
{
    Udp,
    Tcp,
}
