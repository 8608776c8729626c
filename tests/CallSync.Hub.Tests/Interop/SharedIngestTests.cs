using System.Diagnostics;
using CallSync.Hub.Configuration;
using CallSync.Hub.Storage;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Waiting;
using Xunit.Abstractions;

namespace CallSync.Hub.Tests.Interop;

[Collection(InteropCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SharedIngestTests(InteropFixture fixture, ITestOutputHelper output)
{
    private const int Devices = 50;
    private const int RecordsPerDevice = 200; // 10,000 records in all
    private const int DuplicatesPerDevice = 5; // each phone re-sends its first records, as after a lost PUBACK

    [Fact]
    public async Task Ingest_TwoHubsSharedSubscriptionOneKilledMidway_StoresEachRecordExactlyOnce()
    {
        var database = fixture.Postgres.NewDatabase();
        HubOptions Options(string clientId) =>
            TestHub.Options(StorageProvider.Postgres, database, fixture.Mosquitto.Port, embedded: false, clientId);
        var hubA = await TestHub.StartAsync(Options("hub-a"), TimeProvider.System);
        var hubB = await TestHub.StartAsync(Options("hub-b"), TimeProvider.System);
        var phones = new List<TestDevice>();
        try
        {
            for (var i = 0; i < Devices; i++)
            {
                await hubA.RegisterDeviceAsync($"ingest-desk-{i:D2}", $"30{i:D2}");
                phones.Add(await TestDevice.ConnectAsync(fixture.Mosquitto.Port, $"ingest-desk-{i:D2}"));
            }

            var records = phones.Select(p => Enumerable.Range(0, RecordsPerDevice)
                .Select(n => TestDevice.Record(p.Id, DateTimeOffset.UtcNow.AddMinutes(-n))).ToArray()).ToArray();
            var clock = Stopwatch.StartNew();

            // First half, then kill hub A without DISCONNECT while its share is still in flight.
            await PublishAsync(phones, records, 0, RecordsPerDevice / 2);
            var storedByAFirstLife = hubA.StoredByThisInstance;
            await hubA.KillAsync();
            await PublishAsync(phones, records, RecordsPerDevice / 2, RecordsPerDevice);
            await Task.WhenAll(phones.Select((p, i) => Task.WhenAll(records[i].Take(DuplicatesPerDevice).Select(p.PublishRecordAsync))));

            // A comes back with the same client id: its persistent session hands over what was queued for it.
            hubA = await TestHub.StartAsync(Options("hub-a"), TimeProvider.System);
            var store = hubB.Get<CallRecordStore>();
            await Eventually.UntilAsync(async () => await store.CountAsync(CancellationToken.None) >= Devices * RecordsPerDevice,
                TimeSpan.FromSeconds(90), "all records stored");
            clock.Stop();

            Assert.Equal(Devices * RecordsPerDevice, await store.CountAsync(CancellationToken.None));
            var inserted = storedByAFirstLife + hubB.StoredByThisInstance + hubA.StoredByThisInstance;
            output.WriteLine($"stored {Devices * RecordsPerDevice} in {clock.ElapsedMilliseconds} ms; A(before kill) {storedByAFirstLife}, B {hubB.StoredByThisInstance}, A(after restart) {hubA.StoredByThisInstance}");
            Assert.True(hubB.StoredByThisInstance > 0, "hub B took no share");
            Assert.True(storedByAFirstLife + hubA.StoredByThisInstance > 0, "hub A took no share");
            Assert.True(inserted <= Devices * RecordsPerDevice, "some record was inserted twice");
            foreach (var sample in records.Select(r => r[RecordsPerDevice - 1]))
            {
                Assert.NotNull(await store.GetAsync(sample.RecordId.ToString("D"), CancellationToken.None));
            }
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }

            await hubA.DisposeAsync();
            await hubB.DisposeAsync();
        }
    }

    private static Task PublishAsync(List<TestDevice> phones, CallSync.Contracts.CallRecord[][] records, int from, int to) =>
        Task.WhenAll(phones.Select(async (phone, i) =>
        {
            for (var n = from; n < to; n++)
            {
                await phone.PublishRecordAsync(records[i][n]);
            }
        }));
}
