//! Unit tests of the parent module.
use super::*;

/// (old path, new path, status, added, removed)
type Row = (Option<String>, Option<String>, &'static str, u32, u32);

fn files(text: &str) -> Vec<Row> {
    extract(text)
        .map(|d| d.files)
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            (
                f.old_path,
                f.new_path,
                f.status.as_str(),
                f.added,
                f.removed,
            )
        })
        .collect()
}

fn s(p: &str) -> Option<String> {
    Some(p.to_string())
}

const MODIFY: &str = "---\n foo | 2 +-\n\ndiff --git a/dir/foo.c b/dir/foo.c\nindex 1..2 100644\n--- a/dir/foo.c\n+++ b/dir/foo.c\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n d\n-- \n2.43.0\n";

#[test]
fn a_git_modification_without_the_signature() {
    let d = extract(MODIFY).unwrap();
    assert!(d.text.starts_with("diff --git a/dir/foo.c"));
    assert!(d.text.ends_with(" d\n"), "{:?}", d.text);
    assert_eq!(
        files(MODIFY),
        [(s("dir/foo.c"), s("dir/foo.c"), "modified", 1, 1)]
    );
}

#[test]
fn renames_copies_new_deleted_and_mode_changes() {
    let text = "diff --git a/old b/new\nsimilarity index 100%\nrename from old\nrename to new\n\
                diff --git a/x b/x\nnew file mode 100644\nindex 0000000..e69de29\n\
                diff --git a/gone b/gone\ndeleted file mode 100644\nindex 1..0\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n\
                diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\n\
                diff --git a/c1 b/c2\nsimilarity index 90%\ncopy from c1\ncopy to c2\n--- a/c1\n+++ b/c2\n@@ -1 +1 @@\n-p\n+q\n\
                -- \n2.1\n";
    assert_eq!(
        files(text),
        [
            (s("old"), s("new"), "renamed", 0, 0),
            (None, s("x"), "added", 0, 0),
            (s("gone"), None, "deleted", 0, 1),
            (s("s.sh"), s("s.sh"), "mode", 0, 0),
            (s("c1"), s("c2"), "copied", 1, 1),
        ]
    );
    assert!(!extract(text).unwrap().text.contains("2.1"));
}

#[test]
fn binary_patches_are_kept_whole() {
    let text = "diff --git a/img.png b/img.png\nnew file mode 100644\nindex 0000000..1c0b3f8\nGIT binary patch\nliteral 70\nzcmeAS@N?(olHy`uVBq!ia0vp^j3CUx1|;Q0k8}blw!wB\n\nliteral 0\nHcmV?d00001\n\n-- \n2.1\n";
    let d = extract(text).unwrap();
    assert_eq!(d.files.len(), 1);
    assert!(d.files[0].binary);
    assert_eq!(d.files[0].status, ChangeStatus::Added);
    assert!(d.text.contains("HcmV?d00001"));
    assert!(!d.text.contains("2.1"));
}

#[test]
fn binary_files_differ_lines() {
    let text =
        "diff --git a/a.bin b/a.bin\nindex 1..2 100644\nBinary files a/a.bin and b/a.bin differ\n";
    let d = extract(text).unwrap();
    assert!(d.files[0].binary);
    assert_eq!(d.files[0].path(), "a.bin");
}

#[test]
fn cvs_index_diffs() {
    let text = "Index: ld/test.exp\n===================================================================\nRCS file: /cvs/src/ld/test.exp,v\nretrieving revision 1.68\ndiff -u -p -r1.68 test.exp\n--- ld/test.exp\t1 Jan 2010 00:00:00 -0000\t1.68\n+++ ld/test.exp\t2 Jan 2010 00:00:00 -0000\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n";
    let d = extract(text).unwrap();
    assert!(d.text.starts_with("Index: ld/test.exp"));
    assert_eq!(
        files(text),
        [(s("ld/test.exp"), s("ld/test.exp"), "modified", 1, 1)]
    );
}

#[test]
fn plain_unified_diffs_strip_one_component() {
    let text = "some words\n--- linux.orig/kernel/x.c\t2024-01-01\n+++ linux/kernel/x.c\t2024-01-02\n@@ -5 +5,2 @@\n-a\n+b\n+c\n";
    assert_eq!(
        files(text),
        [(s("kernel/x.c"), s("kernel/x.c"), "modified", 2, 1)]
    );
}

#[test]
fn no_newline_markers_stay_in_the_diff() {
    let text = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n";
    let d = extract(text).unwrap();
    assert_eq!(d.text.matches("\\ No newline at end of file").count(), 2);
}

#[test]
fn blank_context_lines_count_as_context() {
    let text = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\nfooter\n";
    let d = extract(text).unwrap();
    assert!(d.text.ends_with("+c\n"));
}

#[test]
fn a_list_footer_ends_the_diff() {
    let text = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n_______________________________________________\nlist mailing list\n";
    assert!(extract(text).unwrap().text.ends_with("+b\n"));
}

#[test]
fn a_short_hunk_ends_the_diff_without_losing_the_file() {
    let text = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n-a\n+b\nThanks!\n";
    let d = extract(text).unwrap();
    assert_eq!(d.files.len(), 1);
    assert!(!d.text.contains("Thanks"));
}

#[test]
fn prose_mentioning_diff_is_not_a_diff() {
    assert!(extract("diff between v1 and v2: none\nIndexing is hard\n--- \nbye\n").is_none());
    assert!(extract("difficult\nDifferent\n").is_none());
}

#[test]
fn quoted_and_spaced_paths() {
    let text = "diff --git \"a/f\\303\\266o\" \"b/f\\303\\266o\"\nindex 1..2 100644\n--- \"a/f\\303\\266o\"\n+++ \"b/f\\303\\266o\"\n@@ -1 +1 @@\n-a\n+b\n\
                diff --git a/my file b/my file\nnew file mode 100644\nindex 0..e69de29\n";
    assert_eq!(
        files(text),
        [
            (s("föo"), s("föo"), "modified", 1, 1),
            (None, s("my file"), "added", 0, 0),
        ]
    );
}

#[test]
fn two_diff_blocks_with_text_between() {
    let text = "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\nand also:\ndiff --git a/c b/c\n--- a/c\n+++ b/c\n@@ -1 +1 @@\n-c\n+d\n";
    let d = extract(text).unwrap();
    assert_eq!(d.files.len(), 2);
    assert!(!d.text.contains("and also"));
}

#[test]
fn triple_at_hunk_headers_still_make_a_diff() {
    let text = "--- a/b4/junk.py\n+++ b/b4/junk.py\n@@@ -1,1 +1,1 @@ def junk():\n-junk1\n+junk2\n";
    assert_eq!(
        files(text),
        [(s("b4/junk.py"), s("b4/junk.py"), "modified", 1, 1)]
    );
}

#[test]
fn git_paths_with_multibyte_names_are_split_on_character_boundaries() {
    assert_eq!(
        paths::split_git_paths("€ab €ab"),
        Some(("€ab".to_string(), "€ab".to_string()))
    );
    assert_eq!(
        paths::split_git_paths("a/ü ü b/ü ü"),
        Some(("ü ü".to_string(), "ü ü".to_string()))
    );
}

/// Each kept block is copied whole from the text: blocks with text between them join exactly,
/// and a diff whose last line lacks its newline gets one.
#[test]
fn kept_blocks_are_exactly_their_lines() {
    let a = "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n";
    let c = "diff --git a/c b/c\n--- a/c\n+++ b/c\n@@ -1 +1 @@\n-c\n+d";
    let d = extract(&format!("intro\n{a}and also:\n{c}")).unwrap();
    assert_eq!(d.text, format!("{a}{c}\n"));
}
