namespace CallSync.Flash.Tests.Emulated;

/// <summary>The emulated-board tests share one fleet of two booted boards (booting costs ~15 s a board).</summary>
[CollectionDefinition(Name)]
public sealed class EmulatedBoardCollection : ICollectionFixture<BoardFleet>
{
    public const string Name = "emulated boards";
}
