//! Names from HTTP: a status's reason phrase and a media type's subtype as variant names.

use super::camel_ident;

/// A variant name for a media type: its structured-syntax suffix or subtype
/// (`application/vnd.atlas.2023-01-01+csv` is `Csv`, `text/plain` is `Plain`), followed when
/// `versioned` by the digits of a version in the subtype (`Json20230101`).
pub fn media_variant_name(media: &str, versioned: bool) -> String {
    let essence = media.split(';').next().unwrap_or(media).trim();
    let subtype = essence.rsplit_once('/').map_or(essence, |(_, subtype)| subtype);
    let (stem, suffix) = subtype.rsplit_once('+').unwrap_or(("", subtype));
    let mut name = camel_ident(suffix);
    if versioned {
        let version = stem.split('.').find(|part| part.starts_with(|c: char| c.is_ascii_digit()));
        name.extend(version.into_iter().flat_map(str::chars).filter(char::is_ascii_digit));
    }
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Media{name}")
    } else {
        name
    }
}

/// The error-variant name of a status: its reason phrase in UpperCamelCase.
pub fn status_variant_name(status: crate::ir::StatusMatch) -> String {
    match status {
        crate::ir::StatusMatch::Code(code) => match reason_phrase(code) {
            Some(reason) => camel_ident(reason),
            None => format!("Status{code}"),
        },
        crate::ir::StatusMatch::Range(range) => format!("Status{range}xx"),
        crate::ir::StatusMatch::Default => "Default".to_owned(),
    }
}

/// The reason phrase of an HTTP status code (RFC 9110 and common extensions), used to name
/// error variants and the variants of success enums.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}
