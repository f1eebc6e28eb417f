//! The generated crate's static runtime modules (`runtime/`), compiled here as modules of
//! this test and table-tested directly: timestamps, times of day, durations and base64
//! round-trip exactly; paths encode and match back; envelopes keep every key. The compile
//! test checks the same code inside a generated crate.

// The modules are the generated crate's public API; this test uses part of it.
#[allow(dead_code)]
#[path = "../runtime/odata.rs"]
mod odata;
#[allow(dead_code, unused_imports)]
#[path = "../runtime/primitives/mod.rs"]
mod primitives;
#[allow(dead_code)]
#[path = "../runtime/routing.rs"]
mod routing;

use http::Method;
use primitives::{DateTimeOffset, Duration, TimeOfDay};
use routing::{encode_path, find_route, Permissions, Route};
use serde_json::json;

#[test]
fn timestamps_round_trip_exactly() {
    // (text, unix seconds, nanoseconds, offset seconds)
    let table: [(&str, i64, u32, i32); 7] = [
        (
            "2017-01-01T00:02:14.9489247-08:00",
            1_483_257_734,
            948_924_700,
            -28_800,
        ),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0, 0),
        (
            "2016-12-31T23:56:44.951111-08:00",
            1_483_257_404,
            951_111_000,
            -28_800,
        ),
        ("2017-01-01T00:00:00.0000000Z", 1_483_228_800, 0, 0),
        ("2017-01-01T05:30:00+05:30", 1_483_228_800, 0, 19_800),
        // OData's optional seconds; no offset is UTC.
        ("2017-01-01T00:00", 1_483_228_800, 0, 0),
        (
            "2017-01-01t00:00:00.123456789123z",
            1_483_228_800,
            123_456_789,
            0,
        ),
    ];
    for (text, seconds, nanos, offset) in table {
        let parsed: DateTimeOffset = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        let value = parsed.get();
        assert_eq!(value.unix_timestamp(), seconds, "{text}");
        assert_eq!(value.nanosecond(), nanos, "{text}");
        assert_eq!(value.offset().whole_seconds(), offset, "{text}");
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(json, format!("\"{text}\""), "written back as read");
        let back: DateTimeOffset = serde_json::from_str(&json).unwrap();
        assert_eq!(back, parsed);
    }
    for bad in [
        "",
        "2017-01-01",
        "2017-13-01T00:00:00Z",
        "2017-02-30T00:00:00Z",
        "2017-01-01T24:00:00Z",
        "2017-01-01T00:00:00+99:00",
        "2017-01-01T00:00:00.Z",
        "2017-01-01 00:00:00Z",
        "17-01-01T00:00:00Z",
    ] {
        assert!(bad.parse::<DateTimeOffset>().is_err(), "{bad:?}");
        assert!(serde_json::from_value::<DateTimeOffset>(json!(bad)).is_err());
    }
}

#[test]
fn timestamps_built_from_values_take_the_service_form() {
    use time::{Date, Month, UtcOffset};
    let date = Date::from_calendar_date(2017, Month::January, 1).unwrap();
    let table = [
        (
            date.with_hms_nano(0, 2, 14, 948_924_700).unwrap(),
            -8,
            "2017-01-01T00:02:14.9489247-08:00",
        ),
        (date.with_hms(0, 0, 0).unwrap(), 0, "2017-01-01T00:00:00Z"),
        (
            date.with_hms_nano(23, 59, 59, 1).unwrap(),
            5,
            "2017-01-01T23:59:59.000000001+05:00",
        ),
    ];
    for (datetime, hours, want) in table {
        let value = datetime.assume_offset(UtcOffset::from_hms(hours, 0, 0).unwrap());
        let built = DateTimeOffset::from(value);
        assert_eq!(built.as_str(), want);
        assert_eq!(built.to_string().parse::<DateTimeOffset>().unwrap(), built);
    }
    let min = Date::from_calendar_date(1, Month::January, 1)
        .unwrap()
        .midnight()
        .assume_utc();
    assert_eq!(DateTimeOffset::new(min).as_str(), "0001-01-01T00:00:00Z");
}

#[test]
fn times_of_day_round_trip_exactly() {
    for (text, nanos) in [
        ("12:03:30.2730000", 273_000_000),
        ("00:00:00", 0),
        ("23:59:59.9999999", 999_999_900),
        ("08:30", 0),
    ] {
        let parsed: TimeOfDay = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(parsed.get().nanosecond(), nanos, "{text}");
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(text));
    }
    for bad in ["24:00:00", "1:00:00", "12:60", "12:00:00.", "noon"] {
        assert!(bad.parse::<TimeOfDay>().is_err(), "{bad:?}");
    }
    let built = TimeOfDay::from(time::Time::from_hms_milli(12, 3, 30, 273).unwrap());
    assert_eq!(
        built.as_str(),
        "12:03:30.2730000",
        "seven digits, as the service writes"
    );
    assert_eq!(TimeOfDay::from(time::Time::MIDNIGHT).as_str(), "00:00:00");
    let fine = time::Time::from_hms_nano(1, 2, 3, 4).unwrap();
    assert_eq!(TimeOfDay::from(fine).as_str(), "01:02:03.000000004");
}

#[test]
fn durations_validate_and_round_trip() {
    // (text, years, months, weeks, days, hours, minutes, seconds, nanos, negative, length)
    type Row = (&'static str, [u64; 7], u32, bool, Option<(i64, i32)>);
    let table: [Row; 7] = [
        (
            "PT1H30M",
            [0, 0, 0, 0, 1, 30, 0],
            0,
            false,
            Some((5_400, 0)),
        ),
        ("P1D", [0, 0, 0, 1, 0, 0, 0], 0, false, Some((86_400, 0))),
        (
            "-PT3M9.8396734S",
            [0, 0, 0, 0, 0, 3, 9],
            839_673_400,
            true,
            Some((-189, -839_673_400)),
        ),
        (
            "PT35.0018757S",
            [0, 0, 0, 0, 0, 0, 35],
            1_875_700,
            false,
            Some((35, 1_875_700)),
        ),
        ("P2W", [0, 0, 2, 0, 0, 0, 0], 0, false, Some((1_209_600, 0))),
        (
            "P1Y2M3W4DT5H6M7.5S",
            [1, 2, 3, 4, 5, 6, 7],
            500_000_000,
            false,
            None,
        ),
        ("PT0S", [0; 7], 0, false, Some((0, 0))),
    ];
    for (text, numbers, nanos, negative, length) in table {
        let parsed: Duration =
            serde_json::from_value(json!(text)).unwrap_or_else(|e| panic!("{text}: {e}"));
        let p = parsed.parts();
        assert_eq!(
            [p.years, p.months, p.weeks, p.days, p.hours, p.minutes, p.seconds],
            numbers,
            "{text}"
        );
        assert_eq!((p.nanoseconds, p.negative), (nanos, negative), "{text}");
        assert_eq!(
            parsed.to_time(),
            length.map(|(s, n)| time::Duration::new(s, n)),
            "{text}"
        );
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(text));
    }
    for bad in [
        "", "P", "PT", "1D", "P1H", "PT1D", "P1.5D", "PT1.S", "P1M1Y", "P1DT", "PT-1S", "-", "p1d",
        "P1D ", "PTS",
    ] {
        assert!(bad.parse::<Duration>().is_err(), "{bad:?}");
    }
    for (length, want) in [
        (time::Duration::minutes(90), "PT1H30M"),
        (time::Duration::days(1), "P1D"),
        (time::Duration::ZERO, "PT0S"),
        (time::Duration::new(86_401, 0), "P1DT1S"),
        (-time::Duration::new(189, 839_673_400), "-PT3M9.8396734S"),
    ] {
        let built = Duration::from(length);
        assert_eq!(built.as_str(), want);
        assert_eq!(built.to_time(), Some(length), "{want}");
        assert_eq!(want.parse::<Duration>().unwrap(), built);
    }
}

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Blobs {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "primitives::base64::option"
    )]
    one: Option<Vec<u8>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "primitives::base64::option_vec"
    )]
    many: Option<Vec<Vec<u8>>>,
}

#[test]
fn binary_is_base64() {
    let json = json!({"one": "aGk=", "many": ["", "AAE=", "Y29udGVudA=="]});
    let blobs: Blobs = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(blobs.one.as_deref(), Some(&b"hi"[..]));
    assert_eq!(
        blobs.many,
        Some(vec![vec![], vec![0, 1], b"content".to_vec()])
    );
    assert_eq!(serde_json::to_value(&blobs).unwrap(), json);
    let empty: Blobs = serde_json::from_value(json!({})).unwrap();
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
    // Unpadded input is read; what is written is padded.
    let unpadded: Blobs = serde_json::from_value(json!({"one": "aGk"})).unwrap();
    assert_eq!(
        serde_json::to_value(&unpadded).unwrap(),
        json!({"one": "aGk="})
    );
    assert!(serde_json::from_value::<Blobs>(json!({"one": "!!"})).is_err());
    let bare: primitives::Base64 = serde_json::from_value(json!("aGk=")).unwrap();
    assert_eq!(bare.0, b"hi");
    assert_eq!(serde_json::to_value(&bare).unwrap(), json!("aGk="));
}

const NO_PERMISSIONS: Permissions = Permissions {
    delegated_work: &[],
    delegated_personal: &[],
    application: &[],
    unspecified: &[],
};

const fn route(method: Method, template: &'static str, params: &'static [&'static str]) -> Route {
    Route {
        method,
        template,
        params,
        operation: "get",
        resource: None,
        request_type: None,
        request_collection: false,
        response_type: None,
        response_collection: false,
        status: Some(200),
        permissions: NO_PERMISSIONS,
    }
}

static ROUTES: &[Route] = &[
    route(Method::GET, "/users", &[]),
    route(Method::GET, "/users/{id}", &["id"]),
    route(Method::GET, "/users/delta()", &[]),
    route(
        Method::GET,
        "/reports/getReport(period='{period}',out='{out}')",
        &["period", "out"],
    ),
    route(Method::PATCH, "/users/{id}", &["id"]),
    route(Method::GET, "/a/{x}/b", &["x"]),
    route(Method::GET, "/a/{y}/b", &["y"]),
    route(Method::GET, "/a/{x}/{y}", &["x", "y"]),
    route(Method::GET, "/a/lit/{y}", &["y"]),
];

#[test]
fn paths_match_back_to_their_routes() {
    // (method, path, route index and parameters)
    type Row = (
        Method,
        &'static str,
        Option<(usize, &'static [&'static str])>,
    );
    let table: [Row; 18] = [
        (Method::GET, "/users", Some((0, &[]))),
        (Method::GET, "/users/a%2Fb", Some((1, &["a/b"]))),
        (Method::GET, "/users/delta()", Some((2, &[]))),
        (Method::PATCH, "/users/x", Some((4, &["x"]))),
        (Method::DELETE, "/users/x", None),
        (
            Method::GET,
            "/beta/users/x?$select=id#top",
            Some((1, &["x"])),
        ),
        (Method::GET, "/v1.0/users/x/", Some((1, &["x"]))),
        (Method::GET, "users/x", Some((1, &["x"]))),
        (Method::GET, "/users//", None),
        (Method::GET, "/Users/x", None),
        (
            Method::GET,
            "/reports/getReport(period='D7',out='x%27y')",
            Some((3, &["D7", "x'y"])),
        ),
        (Method::GET, "/reports/getReport(period='D7')", None),
        (Method::GET, "/a/k/b", Some((5, &["k"]))),
        (Method::GET, "/a/lit/z", Some((8, &["z"]))),
        (Method::GET, "/a/k/z", Some((7, &["k", "z"]))),
        // Two literal components each: the one literal further left wins.
        (Method::GET, "/a/lit/b", Some((8, &["b"]))),
        (Method::GET, "/users/%FF", None),
        (Method::GET, "/users/%2E%2E", Some((1, &[".."]))),
    ];
    for (method, path, want) in table {
        let got = find_route(ROUTES, &method, path)
            .map(|(route, params)| (route as *const Route, params));
        let want = want.map(|(index, params)| {
            (
                &ROUTES[index] as *const Route,
                params.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>(),
            )
        });
        assert_eq!(got, want, "{method} {path}");
    }
}

#[test]
fn encoded_paths_never_add_segments_and_match_back() {
    let table = [
        ("a/b c'", "a%2Fb%20c%27"),
        ("é~._-", "%C3%A9~._-"),
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("...", "..."),
        ("%41{x}", "%2541%7Bx%7D"),
    ];
    for (key, want) in table {
        assert_eq!(encode_path(key), want);
        let path = ROUTES[1].path(&[key]).unwrap();
        assert_eq!(path, format!("/users/{want}"));
        let (route, params) = find_route(ROUTES, &Method::GET, &path).unwrap();
        assert_eq!(
            (route.template, params),
            ("/users/{id}", vec![key.to_owned()])
        );
    }
    let report = ROUTES[3].path(&["D7", "x',y)"]).unwrap();
    assert_eq!(report, "/reports/getReport(period='D7',out='x%27%2Cy%29')");
    let (_, params) = find_route(ROUTES, &Method::GET, &report).unwrap();
    assert_eq!(params, ["D7", "x',y)"]);
    let error = ROUTES[3].path(&["only one"]).unwrap_err();
    assert_eq!((error.expected, error.got), (2, 1));
}

#[test]
fn envelopes_keep_every_key() {
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#users",
        "@odata.nextLink": "https://graph.microsoft.com/beta/users?$skiptoken=x",
        "@odata.count": 2,
        "@odata.other": {"kept": true},
        "value": [1, 2]
    });
    let read: odata::ODataCollection<i32> = serde_json::from_value(page.clone()).unwrap();
    assert_eq!(read.value, [1, 2]);
    assert_eq!(read.count, Some(2));
    assert!(read
        .next_link
        .as_deref()
        .is_some_and(|l| l.ends_with("skiptoken=x")));
    assert_eq!(read.extra.len(), 1);
    assert_eq!(serde_json::to_value(&read).unwrap(), page);
    let single = json!({"@odata.context": "x", "value": "text"});
    let read: odata::ODataValue<String> = serde_json::from_value(single.clone()).unwrap();
    assert_eq!(read.value, "text");
    assert_eq!(serde_json::to_value(&read).unwrap(), single);
    assert!(serde_json::from_value::<odata::ODataCollection<i32>>(json!({})).is_err());
}
