//! The configuration file changes behaviour (database, colour, identity, Link: prefix per list,
//! MAINTAINERS and repositories per list), flags and environment win over it, and `patchq
//! config` names where each setting came from.

use std::fs;

use crate::helpers::{Env, Run, git};
use crate::sample;

const V2_1: &str = "20261012-foo-v2-1@example.org";

fn run_without_db(env: &Env, args: &[&str]) -> Run {
    let out = env.cmd(args).env_remove("PATCHQ_DB").output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn setting(config: &serde_json::Value, name: &str) -> (String, String) {
    let s = config["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {config}"));
    (
        s["value"].as_str().unwrap().to_string(),
        s["source"].as_str().unwrap().to_string(),
    )
}

#[test]
fn config_file_settings_change_behaviour_and_config_names_their_sources() {
    let env = Env::new();
    let s = sample::build(&env.path("src"));
    let mbox = env.path("list.mbox");
    fs::write(&mbox, &s.mbox).unwrap();
    let maintainers = s.repo.join("MAINTAINERS");
    let db = env.path("from-config.db");
    let dir = env.path(".config/patchq");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("config.toml"),
        format!(
            "database = \"{}\"\ncolor = \"never\"\nlink_prefix = \"https://top.example/\"\n\n\
             [user]\nname = \"Max Maintainer\"\nemail = \"max@example.org\"\n\n\
             [[list]]\nid = \"widget-devel.lists.example.org\"\n\
             link_prefix = \"https://lore.example.org/widget/\"\n\
             maintainers = [\"{}\"]\n\
             repositories = [{{ path = \"{}\", rev = \"master\" }}]\n",
            db.display(),
            maintainers.display(),
            s.repo.display()
        ),
    )
    .unwrap();

    // The database: the config file's, unless PATCHQ_DB or --db say otherwise.
    let r = run_without_db(&env, &["import", &mbox.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(db.exists());
    let c = run_without_db(&env, &["--format", "json", "config"]).json();
    assert_eq!(
        setting(&c, "database"),
        (db.display().to_string(), "config file".into())
    );
    assert_eq!(setting(&c, "color"), ("never".into(), "config file".into()));
    assert_eq!(
        setting(&c, "identity"),
        (
            "Max Maintainer <max@example.org>".into(),
            "config file [user]".into()
        )
    );
    assert_eq!(
        setting(&c, "link_prefix"),
        ("https://top.example/".into(), "config file".into())
    );
    let c = env.run(&["--format", "json", "config"]).json();
    assert_eq!(setting(&c, "database").1, "PATCHQ_DB");
    let other = env.path("other.db");
    let c = env
        .run(&[
            "--db",
            &other.display().to_string(),
            "--color",
            "always",
            "--format",
            "json",
            "config",
        ])
        .json();
    assert_eq!(
        setting(&c, "database"),
        (other.display().to_string(), "--db".into())
    );
    assert_eq!(setting(&c, "color"), ("always".into(), "--color".into()));
    let text = run_without_db(&env, &["config"]).stdout;
    assert!(
        text.contains("list widget-devel.lists.example.org  link_prefix https://lore.example.org/widget/  (config file)"),
        "{text}"
    );

    // color = "always" colours piped output; --color never wins over it.
    let always = env.path("always.toml");
    fs::write(&always, "color = \"always\"\n").unwrap();
    let db_arg = db.display().to_string();
    let list = |extra: &[&str]| {
        let mut args = vec!["--db", &db_arg, "list", "--all"];
        args.extend(extra);
        let out = env
            .cmd(&args)
            .env("PATCHQ_CONFIG", &always)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(list(&[]).contains('\x1b'));
    assert!(!list(&["--color", "never"]).contains('\x1b'));
    // The list's Link: prefix goes into am's output; the flag wins over it.
    let am = run_without_db(&env, &["am", V2_1]).stdout;
    assert!(
        am.contains(&format!("Link: https://lore.example.org/widget/{V2_1}\n")),
        "{am}"
    );
    let am = run_without_db(
        &env,
        &["am", V2_1, "--link-prefix", "https://flag.example/"],
    )
    .stdout;
    assert!(
        am.contains(&format!("Link: https://flag.example/{V2_1}\n")),
        "{am}"
    );

    // maintainers load with no file and none configured says what to give.
    let r = env
        .cmd(&["maintainers", "load"])
        .env("PATCHQ_CONFIG", env.path("absent.toml"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("give MAINTAINERS files, --repo PATH"));
    // maintainers load with no file reads the list's MAINTAINERS.
    let r = run_without_db(&env, &["maintainers", "load"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let subs = run_without_db(&env, &["--format", "json", "subsystems"]).stdout;
    assert!(subs.contains("FOO ETHERNET DRIVER"), "{subs}");

    // link with no --repo scans the list's repository at its revision.
    let r = run_without_db(&env, &["--format", "json", "link"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let master = git(&s.repo, &["rev-parse", "master"], "2026-11-24T00:00:00Z");
    let canonical = fs::canonicalize(&s.repo).unwrap();
    assert!(
        r.stderr.contains(&format!(
            "{} master at {}",
            canonical.display(),
            &master[..12]
        )),
        "{}",
        r.stderr
    );

    // ty writes as [user]: with it, ty goes on (nothing landed to thank); without it (and no
    // git identity), it asks who is thanking.
    let r = run_without_db(&env, &["ty", "--dry-run"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("no landed series left to thank"),
        "{}",
        r.stderr
    );
    let out = env
        .cmd(&["ty", "--dry-run"])
        .env("PATCHQ_CONFIG", env.path("absent.toml"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("who is thanking?"));
}
