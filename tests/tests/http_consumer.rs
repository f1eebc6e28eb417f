//! A consumer of the generated crate over real HTTP: a local server (axum on 127.0.0.1) serves
//! the seed pages' example responses, and a real client (reqwest) talks to it using only the
//! generated route table, path builders and models: build the path, send the body, parse the
//! answer.
//!
//! The server is on the loopback address, bound to a port the system picks, and serves a
//! bounded number of requests; nothing leaves the machine.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{Method, StatusCode, Uri};
use graph_models::models::{ManagedAllDeviceCertificateState, ManagedDeviceCertificateState};
use graph_models::routes;

/// The canned answer for a route template: status and JSON body, from a response example.
type Answers = BTreeMap<(String, String), (u16, String)>;

/// Every seed page's response example, keyed by the route its request example calls.
fn answers() -> Answers {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let read = docgen_read::read_paths(&[docs]);
    let mut out = Answers::new();
    for page in &read.pages {
        let request = page
            .examples
            .iter()
            .find(|e| e.role == docgen_ir::ExampleRole::Request);
        let response = page
            .examples
            .iter()
            .find(|e| e.role == docgen_ir::ExampleRole::Response);
        let (Some(request), Some(response)) = (request, response) else {
            continue;
        };
        let (Some(method), Some(url), Some(status), Some(body)) = (
            &request.method,
            &request.url,
            response.status,
            &response.body,
        ) else {
            continue;
        };
        let path = docgen_ir::path::normalize(url).path;
        let Ok(method) = Method::from_bytes(method.as_bytes()) else {
            continue;
        };
        if let Some((route, _)) = routes::match_route(&method, &path) {
            out.insert(
                (method.to_string(), route.template.to_owned()),
                (status, body.clone()),
            );
        }
    }
    out
}

/// The server: finds the route with the generated matcher, checks the request body parses
/// into the route's generated request type, and answers with the page's example response.
async fn serve(
    answers: Arc<Answers>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> (StatusCode, String) {
    let Some((route, params)) = routes::match_route(&method, uri.path()) else {
        return (
            StatusCode::NOT_FOUND,
            format!("no route for {method} {}", uri.path()),
        );
    };
    if params.iter().any(String::is_empty) {
        return (StatusCode::BAD_REQUEST, "empty key".to_owned());
    }
    let parsed = match route.request_type {
        Some("managedDeviceCertificateState") => {
            serde_json::from_slice::<ManagedDeviceCertificateState>(&body).map(|_| ())
        }
        Some("managedAllDeviceCertificateState") => {
            serde_json::from_slice::<ManagedAllDeviceCertificateState>(&body).map(|_| ())
        }
        _ => Ok(()),
    };
    if let Err(err) = parsed {
        return (StatusCode::BAD_REQUEST, format!("request body: {err}"));
    }
    match answers.get(&(method.to_string(), route.template.to_owned())) {
        Some((status, json)) => (
            StatusCode::from_u16(*status).unwrap_or(StatusCode::OK),
            json.clone(),
        ),
        None => (
            StatusCode::NOT_IMPLEMENTED,
            format!("no example for {}", route.template),
        ),
    }
}

async fn start_server() -> String {
    let answers = Arc::new(answers());
    assert!(
        answers.len() >= 3,
        "the seeds give example answers: {answers:?}"
    );
    let app = axum::Router::new().fallback(move |method: Method, uri: Uri, body: Bytes| {
        let answers = Arc::clone(&answers);
        async move { serve(answers, method, uri, body).await }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback port");
    let address = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{address}/beta")
}

#[tokio::test]
async fn patch_and_create_through_the_generated_crate() {
    let base = start_server().await;
    let client = reqwest::Client::new();

    // PATCH a managedAllDeviceCertificateState: the key holds characters a path must escape.
    let mut patch = ManagedAllDeviceCertificateState::default();
    patch.user_principal_name = Some("someone@example.com".to_owned());
    patch.certificate_key_usages = Some(4);
    let path =
        routes::device_management_device_configurations_all_managed_device_certificate_states_item(
            "a/b c'",
        );
    assert!(path.ends_with("/a%2Fb%20c%27"), "{path}");
    let response = client
        .patch(format!("{base}{path}"))
        .json(&patch)
        .send()
        .await
        .expect("the local server answers");
    assert_eq!(response.status().as_u16(), 200);
    let state: ManagedAllDeviceCertificateState = response
        .json()
        .await
        .expect("the answer parses into the model");
    assert_eq!(state.certificate_key_usages, Some(4));
    assert_eq!(
        state.managed_device_display_name.as_deref(),
        Some("Managed Device Display Name value")
    );

    // POST a managedDeviceCertificateState to a route found by the table, path built by it.
    let route = graph_models::routes::ROUTES
        .iter()
        .find(|r| {
            r.method == http::Method::POST
                && r.template.contains("iosScepCertificateProfile")
                && !r.template.ends_with("$ref")
        })
        .expect("the create route is in the table");
    assert_eq!(route.status, Some(201));
    let path = route.path(&["config-1"]).expect("one parameter");
    let mut body = ManagedDeviceCertificateState::default();
    body.certificate_key_length = Some(2048);
    let response = client
        .post(format!("{base}{path}"))
        .json(&body)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 201);
    let created: ManagedDeviceCertificateState = response.json().await.expect("parses");
    assert_eq!(created.certificate_key_length, Some(4));
    assert_eq!(
        created.server_url.as_deref(),
        Some("https://example.com/serverUrl/")
    );

    // A body the generated model rejects never reaches the handler's answer.
    let bad = client
        .patch(format!("{base}{}", routes::device_management_device_configurations_all_managed_device_certificate_states_item("x")))
        .header("content-type", "application/json")
        .body(r#"{"certificateKeyUsages": "not a number"}"#)
        .send()
        .await
        .expect("answer");
    assert_eq!(bad.status().as_u16(), 400);
}
