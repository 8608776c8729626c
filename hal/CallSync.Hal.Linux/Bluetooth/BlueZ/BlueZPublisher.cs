using System.Globalization;
using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>
/// Makes the companion transports discoverable through bluetoothd's D-Bus API: for the LE channel an advertisement
/// (LEAdvertisingManager1) and a GATT service holding the PSM (GattManager1); for RFCOMM an SDP record
/// (ProfileManager1.RegisterProfile). bluetoothd forgets registrations when it restarts, so the publisher watches
/// org.bluez's owner (NameOwnerChanged) and registers again. Nothing here is fatal: a missing bus, a missing
/// bluetoothd or a refused registration is logged with its reason and the transports keep serving.
/// </summary>
public sealed class BlueZPublisher : IAsyncDisposable
{
    /// <summary>bluetoothd's bus name.</summary>
    public const string BusName = "org.bluez";

    private const string DBusName = "org.freedesktop.DBus";

    private readonly BlueZOptions _options;
    private readonly string _address;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Registration> _registrations = [];
    private readonly List<ExportedObject> _objects = [];
    private DBusConnection? _connection;
    private IDisposable? _ownerWatch;
    private Task _registering = Task.CompletedTask;
    private string? _unavailable;

    /// <summary>Creates the publisher; <paramref name="busAddress"/> defaults to the system bus (DBUS_SYSTEM_BUS_ADDRESS).</summary>
    public BlueZPublisher(BlueZOptions options, ILogger<BlueZPublisher> logger, string? busAddress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
        _address = busAddress ?? DBusAddress.System ?? "unix:path=/run/dbus/system_bus_socket";
        string root = options.ObjectRoot;
        if (options.LePsm is { } psm)
        {
            var advertisement = new AdvertisementObject(root + "/advertisement0", options.Name, () => Release("LE advertisement"));
            var application = new GattApplicationObject(root + "/gatt", psm, options.ProtocolMin, options.ProtocolMax);
            _objects.Add(advertisement);
            _objects.Add(application);
            _registrations.Add(new Registration(
                "LE advertisement", options.AdapterPath, "org.bluez.LEAdvertisingManager1", "Advertisement", advertisement.Path, null,
                $"service {CompanionGattLayout.ServiceUuid}, name \"{options.Name}\""));
            _registrations.Add(new Registration(
                "GATT service", options.AdapterPath, "org.bluez.GattManager1", "Application", application.Path, null,
                string.Create(CultureInfo.InvariantCulture, $"PSM 0x{psm:X2}, protocol {options.ProtocolMin}-{options.ProtocolMax}")));
        }

        if (options.RfcommChannel is { } channel)
        {
            var profile = new ProfileObject(root + "/profile", () => Release("SDP record"));
            _objects.Add(profile);
            var profileOptions = new Dictionary<string, VariantValue>
            {
                ["Name"] = options.Name,
                ["Role"] = "server",
                ["RequireAuthentication"] = options.RequireAuthentication,
                ["RequireAuthorization"] = false,
                ["ServiceRecord"] = SdpRecord.ForRfcomm(channel, options.Name),
            };
            _registrations.Add(new Registration(
                "SDP record", "/org/bluez", "org.bluez.ProfileManager1", "Profile", profile.Path, profileOptions,
                string.Create(CultureInfo.InvariantCulture, $"RFCOMM channel {channel}, service {CompanionGattLayout.ServiceUuid}")));
        }
    }

    /// <summary>One line for status: what is registered, refused or waiting.</summary>
    public string Describe()
    {
        if (_registrations.Count == 0)
        {
            return "no Bluetooth transport to publish";
        }

        if (_unavailable is not null)
        {
            return "not discoverable: " + _unavailable;
        }

        lock (_registrations)
        {
            return string.Join(", ", _registrations.Select(r => $"{r.What} {r.State}"));
        }
    }

    /// <summary>
    /// Connects to the bus, exports the objects, watches bluetoothd and registers when it is there. Never throws for
    /// the bus or bluetoothd: those failures are logged and leave the phone undiscoverable.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_registrations.Count == 0)
        {
            return;
        }

        var connection = new DBusConnection(new DBusConnectionOptions(_address) { AutoConnect = false });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            connection.AddMethodHandlers([.. _objects]);
            _ownerWatch = await connection.AddMatchAsync(
                new MatchRule { Type = MessageType.Signal, Sender = DBusName, Interface = DBusName, Member = "NameOwnerChanged", Arg0 = BusName },
                static (message, _) =>
                {
                    var reader = message.GetBodyReader();
                    return (Name: reader.ReadString(), Old: reader.ReadString(), New: reader.ReadString());
                },
                notification =>
                {
                    if (notification.HasValue)
                    {
                        OnOwnerChanged(notification.Value.New);
                    }
                },
                emitOnCapturedContext: false,
                ObserverFlags.None,
                null).ConfigureAwait(false);
            _connection = connection;
        }
        catch (Exception ex) when (ex is DBusExceptionBase or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            connection.Dispose();
            _unavailable = $"no D-Bus system bus ({ex.Message})";
            BlueZLog.BusUnavailable(_logger, _address, ex.Message);
            return;
        }

        if (await HasOwnerAsync(connection).ConfigureAwait(false))
        {
            await RegisterAllAsync().ConfigureAwait(false);
        }
        else
        {
            BlueZLog.WaitingForBlueZ(_logger, string.Join(", ", _registrations.Select(r => r.What)));
        }
    }

    /// <summary>Unregisters what is registered (best effort) and leaves the bus.</summary>
    public async ValueTask DisposeAsync()
    {
        _ownerWatch?.Dispose();
        await _registering.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_connection is { } connection)
        {
            foreach (var registration in _registrations.Where(r => r.IsActive))
            {
                try
                {
                    await connection.CallMethodAsync(registration.CreateUnregisterCall(connection))
                        .WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is DBusExceptionBase or TimeoutException or IOException)
                {
                    // bluetoothd is gone or busy; it drops our registrations when we leave the bus anyway.
                }
            }

            connection.Dispose();
        }

        _gate.Dispose();
    }

    private static Task<bool> HasOwnerAsync(DBusConnection connection)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(DBusName, "/org/freedesktop/DBus", DBusName, "NameHasOwner", "s", MessageFlags.None);
        writer.WriteString(BusName);
        return connection.CallMethodAsync(writer.CreateMessage(), static (message, _) => message.GetBodyReader().ReadBool(), null);
    }

    private void OnOwnerChanged(string newOwner)
    {
        lock (_registrations)
        {
            foreach (var registration in _registrations)
            {
                registration.State = "waiting for bluetoothd";
            }
        }

        if (newOwner.Length == 0)
        {
            BlueZLog.BlueZGone(_logger);
            return;
        }

        BlueZLog.BlueZBack(_logger, newOwner);
        _registering = _registering.ContinueWith(_ => RegisterAllAsync(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private async Task RegisterAllAsync()
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var registration in _registrations)
            {
                try
                {
                    await connection.CallMethodAsync(registration.CreateRegisterCall(connection)).ConfigureAwait(false);
                    SetState(registration, "registered", true);
                    BlueZLog.Registered(_logger, registration.What, registration.Detail);
                }
                catch (DBusErrorReplyException ex)
                {
                    SetState(registration, $"refused ({ex.ErrorName}: {ex.ErrorMessage})", false);
                    BlueZLog.Refused(_logger, registration.What, ex.ErrorName, ex.ErrorMessage);
                }
                catch (Exception ex) when (ex is DBusExceptionBase or IOException or InvalidOperationException)
                {
                    SetState(registration, $"failed ({ex.Message})", false);
                    BlueZLog.RegistrationFailed(_logger, registration.What, ex.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void SetState(Registration registration, string state, bool active)
    {
        lock (_registrations)
        {
            registration.State = state;
            registration.IsActive = active;
        }
    }

    private void Release(string what)
    {
        var registration = _registrations.Find(r => r.What == what);
        if (registration is not null)
        {
            SetState(registration, "released by bluetoothd", false);
        }

        BlueZLog.Released(_logger, what);
    }

    /// <summary>One Register*/Unregister* pair of a BlueZ manager interface.</summary>
    private sealed class Registration(
        string what, string managerPath, string managerInterface, string noun, string objectPath, Dictionary<string, VariantValue>? options, string detail)
    {
        public string What { get; } = what;

        public string Detail { get; } = detail;

        public string State { get; set; } = "not registered";

        public bool IsActive { get; set; }

        public MessageBuffer CreateRegisterCall(DBusConnection connection)
        {
            using var writer = connection.GetMessageWriter();
            bool isProfile = noun == "Profile";
            writer.WriteMethodCallHeader(BusName, managerPath, managerInterface, "Register" + noun, isProfile ? "osa{sv}" : "oa{sv}", MessageFlags.None);
            writer.WriteObjectPath(objectPath);
            if (isProfile)
            {
                writer.WriteString(CompanionGattLayout.ServiceUuid);
            }

            writer.WriteDictionary(options ?? []);
            return writer.CreateMessage();
        }

        public MessageBuffer CreateUnregisterCall(DBusConnection connection)
        {
            using var writer = connection.GetMessageWriter();
            writer.WriteMethodCallHeader(BusName, managerPath, managerInterface, "Unregister" + noun, "o", MessageFlags.None);
            writer.WriteObjectPath(objectPath);
            return writer.CreateMessage();
        }
    }
}
