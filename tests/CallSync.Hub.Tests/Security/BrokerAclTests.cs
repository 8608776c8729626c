using CallSync.Hub.Messaging;

namespace CallSync.Hub.Tests.Security;

public sealed class BrokerAclTests
{
    private static readonly BrokerIdentity DeskA = new(BrokerIdentityKind.Device, "desk-a");
    private static readonly BrokerIdentity Hub = new(BrokerIdentityKind.Hub, "hub");
    private static readonly BrokerIdentity Alice = new(BrokerIdentityKind.User, "alice");

    [Theory]
    [InlineData("callsync/v1/devices/desk-a/calls", true)]
    [InlineData("callsync/v1/devices/desk-a/state", true)]
    [InlineData("callsync/v1/devices/desk-a/replies", true)]
    [InlineData("callsync/v1/devices/desk-a/bind-requests", true)]
    [InlineData("callsync/v1/devices/desk-a/commands", false)]
    [InlineData("callsync/v1/devices/desk-b/calls", false)]
    [InlineData("callsync/v1/devices/+/calls", false)]
    [InlineData("callsync/v1/devices/desk-a/calls/extra", false)]
    [InlineData("callsync/v1/users/alice/inbox", false)]
    [InlineData("$SYS/broker/load", false)]
    public void MayPublish_Device_OnlyItsOwnUpstreamTopics(string topic, bool allowed) =>
        Assert.Equal(allowed, BrokerAcl.MayPublish(DeskA, topic));

    [Theory]
    [InlineData("callsync/v1/devices/desk-a/commands", true)]
    [InlineData("callsync/v1/devices/desk-b/commands", false)]
    [InlineData("callsync/v1/devices/+/commands", false)]
    [InlineData("callsync/v1/devices/desk-a/#", false)]
    [InlineData("callsync/v1/#", false)]
    [InlineData("#", false)]
    [InlineData("callsync/v1/devices/desk-a/calls", false)]
    public void MaySubscribe_Device_OnlyItsOwnCommands(string filter, bool allowed) =>
        Assert.Equal(allowed, BrokerAcl.MaySubscribe(DeskA, filter));

    [Theory]
    [InlineData("callsync/v1/users/alice/inbox", true)]
    [InlineData("callsync/v1/users/bob/inbox", false)]
    [InlineData("callsync/v1/users/+/inbox", false)]
    [InlineData("callsync/v1/devices/+/calls", false)]
    public void MaySubscribe_AppUser_OnlyItsOwnInbox(string filter, bool allowed) =>
        Assert.Equal(allowed, BrokerAcl.MaySubscribe(Alice, filter));

    [Fact]
    public void MayPublish_AppUser_Nothing()
    {
        Assert.False(BrokerAcl.MayPublish(Alice, "callsync/v1/users/alice/inbox"));
        Assert.False(BrokerAcl.MayPublish(Alice, "callsync/v1/devices/desk-a/commands"));
    }

    [Theory]
    [InlineData("callsync/v1/devices/+/calls", true)]
    [InlineData("$share/callsync-hub/callsync/v1/devices/+/calls", true)]
    [InlineData("callsync/v1/devices/desk-a/replies", true)]
    [InlineData("callsync/v1/devices/+/commands", false)]
    [InlineData("callsync/v1/users/+/inbox", false)]
    [InlineData("callsync/v1/#", false)]
    [InlineData("$share/g/#", false)]
    public void MaySubscribe_Hub_DeviceUpstreamTopicsOnly(string filter, bool allowed) =>
        Assert.Equal(allowed, BrokerAcl.MaySubscribe(Hub, filter));

    [Theory]
    [InlineData("callsync/v1/devices/desk-a/commands", true)]
    [InlineData("callsync/v1/users/alice/inbox", true)]
    [InlineData("callsync/v1/devices/desk-a/calls", false)]
    public void MayPublish_Hub_CommandsAndInboxes(string topic, bool allowed) =>
        Assert.Equal(allowed, BrokerAcl.MayPublish(Hub, topic));

    [Fact]
    public void WriteMosquittoAcl_SameRules_PatternsForPhonesBlocksForHubAndUsers()
    {
        var text = BrokerAcl.WriteMosquittoAcl(["hub"], ["alice"]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();

        Assert.Equal(
            [
                "pattern write callsync/v1/devices/%u/calls",
                "pattern write callsync/v1/devices/%u/state",
                "pattern write callsync/v1/devices/%u/replies",
                "pattern write callsync/v1/devices/%u/bind-requests",
                "pattern read callsync/v1/devices/%u/commands",
                "user hub",
                "topic read callsync/v1/devices/+/calls",
                "topic read callsync/v1/devices/+/state",
                "topic read callsync/v1/devices/+/replies",
                "topic read callsync/v1/devices/+/bind-requests",
                "topic write callsync/v1/devices/+/commands",
                "topic write callsync/v1/users/+/inbox",
                "user user@alice",
                "topic read callsync/v1/users/alice/inbox",
            ],
            lines);
    }
}
