using CallSync.Sdp;
using static CallSync.Sip.Tests.Sdp.SdpTestOffers;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpLocalOriginTests
{
    [Fact]
    public void Stamp_FirstDescription_KeepsItsOrigin()
    {
        var origin = new SdpLocalOrigin();
        var offer = SdpOfferAnswer.CreateOffer(Local() with { SessionVersion = 5 });

        var sent = origin.Stamp(offer);

        Assert.Equal(offer.Origin, sent.Origin);
        Assert.Same(sent, origin.Last);
    }

    [Fact]
    public void Stamp_SameDescriptionAgain_KeepsTheVersion()
    {
        var origin = new SdpLocalOrigin();
        origin.Stamp(SdpOfferAnswer.CreateOffer(Local()));

        // A session refresh re-INVITE built afresh: same content, the caller's counter moved on.
        var again = origin.Stamp(SdpOfferAnswer.CreateOffer(Local() with { SessionVersion = 9 }));

        Assert.Equal(1UL, again.Origin.SessionVersion);
    }

    [Fact]
    public void Stamp_ChangedDescriptions_CountUpByOne()
    {
        var origin = new SdpLocalOrigin();
        origin.Stamp(SdpOfferAnswer.CreateOffer(Local()));

        var hold = origin.Stamp(SdpOfferAnswer.CreateOffer(Local() with { Direction = SdpDirection.SendOnly, SessionVersion = 7 }));
        var holdAgain = origin.Stamp(SdpOfferAnswer.CreateOffer(Local() with { Direction = SdpDirection.SendOnly }));
        var resume = origin.Stamp(SdpOfferAnswer.CreateOffer(Local()));

        Assert.Equal([2UL, 2UL, 3UL], [hold.Origin.SessionVersion, holdAgain.Origin.SessionVersion, resume.Origin.SessionVersion]);
        Assert.Contains("a=sendonly\r\n", SdpWriter.Write(hold), StringComparison.Ordinal);
    }

    [Fact]
    public void Stamp_LaterDescriptionWithOtherIdOrAddress_KeepsTheFirstOrigin()
    {
        var origin = new SdpLocalOrigin();
        var first = origin.Stamp(SdpOfferAnswer.CreateOffer(Local()));

        var later = origin.Stamp(SdpOfferAnswer.CreateOffer(Local() with { SessionId = 1234, Address = "192.0.2.99", UserName = "other" }));

        Assert.Equal(first.Origin with { SessionVersion = 2 }, later.Origin);
        Assert.Equal("192.0.2.99", later.Connection!.Address);
    }

    [Fact]
    public void Stamp_RefusedExchangeNotStamped_NoVersionIsSkipped()
    {
        var origin = new SdpLocalOrigin();
        origin.Stamp(SdpOfferAnswer.CreateOffer(Local()));

        // An unacceptable re-offer gets a 488: its answer is never sent, so it is never stamped.
        var refused = SdpOfferAnswer.CreateAnswer(Audio("18"), Local() with { SessionVersion = 2 });
        Assert.Null(refused.Media);
        var next = origin.Stamp(SdpOfferAnswer.CreateOffer(Local() with { Direction = SdpDirection.SendOnly, SessionVersion = 3 }));

        Assert.Equal(2UL, next.Origin.SessionVersion);
    }
}
