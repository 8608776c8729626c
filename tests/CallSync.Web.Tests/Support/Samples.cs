namespace CallSync.Web.Tests.Support;

/// <summary>API answers as the hub writes them (docs/hub-api.md).</summary>
public static class Samples
{
    public const string RecordId = "6f1c2a8e-0000-4000-8000-000000000001";

    public const string Phones = """
        [{"deviceId":"desk-1","deskNumber":"1001","status":"active","canDial":true,"via":"app","updatedAt":"2026-12-04T09:00:00Z","online":true,"changedAt":"2026-12-04T08:00:00Z"},
         {"deviceId":"desk-2","deskNumber":"","status":"pending","canDial":false,"via":"app","updatedAt":"2026-12-04T09:30:00Z","online":null,"changedAt":null}]
        """;

    public static string Record(string id = RecordId, string remote = "+4930123456", string result = "answered") => $$"""
        {"recordId":"{{id}}","deviceId":"desk-1","direction":"outgoing","localNumber":"1001","remoteNumber":"{{remote}}","result":"{{result}}",
         "startedAt":"2026-12-04T09:10:00Z","receivedAt":"2026-12-04T09:11:05Z","security":"tls+srtp",
         "record":{"schemaVersion":1,"recordId":"{{id}}","callId":"abc@desk","deviceId":"desk-1","direction":"outgoing",
           "remoteNumber":{"raw":"{{remote}}","normalized":"{{remote}}"},"startedAt":"2026-12-04T09:10:00.000Z","talkSeconds":61.5,"ringSeconds":3.2,
           "result":"{{result}}","sipStatus":200,"codec":"opus/48000/2","quality":{"lossPercent":0.4,"jitterMs":3.1,"mos":4.2},
           "recording":{"id":"{{id}}","bytes":12345,"sha256":"{{new string('a', 64)}}" } } }
        """;

    public static string Page(string? next, params string[] records) =>
        "{\"items\":[" + string.Join(',', records) + "],\"nextCursor\":" + (next is null ? "null" : "\"" + next + "\"") + "}";

    public static string Dial(string status, string? recordId = null, string? reason = null) =>
        $$"""{"requestId":"req-1","deviceId":"desk-1","number":"2002","status":"{{status}}","recordId":{{Quote(recordId)}},"reason":{{Quote(reason)}},"createdAt":"2026-12-04T10:00:00Z","updatedAt":"2026-12-04T10:00:01Z"}""";

    public const string Profile = """{"userId":"alice","role":"user","numberPatterns":[],"pushPolicy":"daily","pushTime":"17:30","timeZone":"Europe/Berlin"}""";

    public const string Zones = """["Europe/Berlin","UTC","America/New_York"]""";

    public const string Stats = """
        {"from":"2026-12-01","to":"2026-12-03","timeZone":"UTC","total":5,"answered":3,"answerRate":0.6,"truncated":false,
         "days":[{"date":"2026-12-01","answered":1,"busy":1,"noAnswer":0,"rejected":0,"cancelled":0,"failed":0},
                 {"date":"2026-12-02","answered":2,"busy":0,"noAnswer":1,"rejected":0,"cancelled":0,"failed":0},
                 {"date":"2026-12-03","answered":0,"busy":0,"noAnswer":0,"rejected":0,"cancelled":0,"failed":0}],
         "talkByUser":[{"key":"alice","label":"alice","calls":3,"talkSeconds":300}],
         "talkByPhone":[{"key":"desk-1","label":"1001","calls":5,"talkSeconds":300}],
         "callsByHour":[0,0,0,0,0,0,0,0,0,2,3,0,0,0,0,0,0,0,0,0,0,0,0,0]}
        """;

    private static string Quote(string? value) => value is null ? "null" : "\"" + value + "\"";
}
