# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_patchq_global_optspecs
    string join \n db= format= color= q/quiet now= h/help V/version
end

function __fish_patchq_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_patchq_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_patchq_using_subcommand
    set -l cmd (__fish_patchq_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c patchq -n "__fish_patchq_needs_command" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_needs_command" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_needs_command" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_needs_command" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_needs_command" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_needs_command" -s V -l version -d 'Print version'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "import" -d 'Import mailing-list archives (mbox, mbox.gz, Maildir, public-inbox, a message, stdin)'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "remote" -d 'The public-inbox inboxes `patchq sync` follows'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "sync" -d 'Fetch and import what is new: remotes, and (with no NAME) every remembered source'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "share" -d 'Share review state (states, delegates, archive flags, notes) with co-maintainers through git'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "fetch" -d 'Import one thread from a public-inbox server (its t.mbox.gz, as `b4 mbox` does)'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "list" -d 'List series: outstanding ones by default'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "show" -d 'Show one series: patches, trailers, replies, revisions, events'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "search" -d 'Search subjects, message text and touched paths; series by default, messages with --messages'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "thread" -d 'Print the thread holding a message: a bug report and its replies, a series and its review'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "am" -d 'Write a series as a mailbox that `git am` applies, with the trailers given in replies'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "apply" -d 'Apply a series to a git repository as commits, like b4 shazam'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "ty" -d 'Write thank-you mails for series whose patches landed, like b4 ty'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "diff" -d 'What changed between two revisions, patch by patch, like git range-diff'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "state" -d 'Set the review state of one or more series'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "delegate" -d 'Delegate one or more series to someone (or clear the delegate)'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "archive" -d 'Archive one or more series: outstanding lists leave them out, whatever their state'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "note" -d 'Add a note to the history of one or more series'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "stats" -d 'Count messages, patches, cover letters, replies, series, commit links and subsystems'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "rebuild" -d 'Recompute everything derived from the stored mail (parsing, series, subsystems, search)'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "check" -d 'Check the database: SQLite\'s integrity check, every stored mail read back and verified'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "report" -d 'Write the status report of a week (default: the last complete week) or a date range'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "link" -d 'Link posted patches to the commits that merged them'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "maintainers" -d 'Subsystem sections from MAINTAINERS files: load them, match paths, show one'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "subsystems" -d 'Outstanding series per subsystem: how many, how many nobody has answered, the oldest'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "config" -d 'Show the effective settings and where each comes from'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c patchq -n "__fish_patchq_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand import" -l list -d 'List id for messages that carry no List-Id or X-Mailing-List header' -r
complete -c patchq -n "__fish_patchq_using_subcommand import" -l max-size -d 'Reject messages larger than this many bytes' -r
complete -c patchq -n "__fish_patchq_using_subcommand import" -s j -l jobs -d 'Parser threads [default: number of CPUs]' -r
complete -c patchq -n "__fish_patchq_using_subcommand import" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand import" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand import" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand import" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand import" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Follow a public-inbox v2 inbox: over HTTP(S) (https://lore.kernel.org/linux-modules) or a local inbox directory; `patchq sync` then fetches and imports it'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -f -a "list"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Stop following an inbox; its mirrors are deleted, the mail imported from it stays'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -l since -d 'Only mail from this date on (YYYY-MM-DD or RFC 3339): older epochs are not downloaded, older messages not imported' -r
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -l list -d 'List id for messages that carry no List-Id or X-Mailing-List header' -r
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from list" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from list" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from remove" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from remove" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from remove" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "add" -d 'Follow a public-inbox v2 inbox: over HTTP(S) (https://lore.kernel.org/linux-modules) or a local inbox directory; `patchq sync` then fetches and imports it'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "list"
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop following an inbox; its mirrors are deleted, the mail imported from it stays'
complete -c patchq -n "__fish_patchq_using_subcommand remote; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand sync" -l proxy -d 'HTTP(S) proxy for the servers (default: the https_proxy, ALL_PROXY, NO_PROXY variables)' -r
complete -c patchq -n "__fish_patchq_using_subcommand sync" -s j -l jobs -d 'Parser threads [default: number of CPUs]' -r
complete -c patchq -n "__fish_patchq_using_subcommand sync" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand sync" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand sync" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand sync" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand sync" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -f -a "push" -d 'Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path; default every remembered share remote'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -f -a "pull" -d 'Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path; default every remembered share remote'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -f -a "add" -d 'Remember a share remote: a git URL (ssh://, https://, file://, host:path) or the path of a bare repository (`git init --bare`)'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -f -a "list"
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -f -a "remove" -d 'Forget a share remote (the events pulled from it stay)'
complete -c patchq -n "__fish_patchq_using_subcommand share; and not __fish_seen_subcommand_from push pull add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from push" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from push" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from push" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from push" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from push" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from pull" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from pull" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from pull" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from pull" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from add" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from add" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from add" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from list" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from list" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from remove" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from remove" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from remove" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path; default every remembered share remote'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path; default every remembered share remote'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "add" -d 'Remember a share remote: a git URL (ssh://, https://, file://, host:path) or the path of a bare repository (`git init --bare`)'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "list"
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Forget a share remote (the events pulled from it stay)'
complete -c patchq -n "__fish_patchq_using_subcommand share; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -l remote -d 'The remote whose server to ask' -r
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -l proxy -d 'HTTP(S) proxy (default: the https_proxy, ALL_PROXY, NO_PROXY variables)' -r
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand list" -l state -d 'Only these states (comma separated)' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l list -d 'Only series posted to this list (List-Id)' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l from -d 'Submitter name or address contains TEXT' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l since -d 'Posted on or after DATE (YYYY-MM-DD or RFC 3339)' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l until -d 'Posted before DATE' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l stale -d 'No message for DAYS days' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l delegate -d 'Delegated to WHO: an address or a unique part of one (`me`: $PATCHQ_USER, else git\'s user.email)' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l repo -d 'Belonging to this linked repository (`patchq link` routes series): its path or name' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l subsystem -d 'Touching this subsystem: its name, a unique prefix or a unique part of it, any case' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l maintainer -d 'Touching a subsystem where EMAIL is a maintainer (M:) or reviewer (R:); a unique part of the address will do' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l applied -d 'Only series whose patches landed (patchq link): all, some or none of them' -r -f -a "all\t'Every patch has a commit'
some\t'Some patches have a commit, not all'
none\t'No patch has a commit (not yet applied)'"
complete -c patchq -n "__fish_patchq_using_subcommand list" -l sort -r -f -a "date\t''
activity\t''
subsystem\t''"
complete -c patchq -n "__fish_patchq_using_subcommand list" -l limit -d 'At most N series' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand list" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand list" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand list" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand list" -l all -d 'Every series, whatever its state'
complete -c patchq -n "__fish_patchq_using_subcommand list" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand show" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand show" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand show" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand show" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand show" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand search" -l state -d 'Only these states (comma separated)' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l list -d 'Only series posted to this list (List-Id)' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l from -d 'Submitter name or address contains TEXT' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l since -d 'Posted on or after DATE (YYYY-MM-DD or RFC 3339)' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l until -d 'Posted before DATE' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l stale -d 'No message for DAYS days' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l delegate -d 'Delegated to WHO: an address or a unique part of one (`me`: $PATCHQ_USER, else git\'s user.email)' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l repo -d 'Belonging to this linked repository (`patchq link` routes series): its path or name' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l subsystem -d 'Touching this subsystem: its name, a unique prefix or a unique part of it, any case' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l maintainer -d 'Touching a subsystem where EMAIL is a maintainer (M:) or reviewer (R:); a unique part of the address will do' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l applied -d 'Only series whose patches landed (patchq link): all, some or none of them' -r -f -a "all\t'Every patch has a commit'
some\t'Some patches have a commit, not all'
none\t'No patch has a commit (not yet applied)'"
complete -c patchq -n "__fish_patchq_using_subcommand search" -l sort -r -f -a "date\t''
activity\t''
subsystem\t''"
complete -c patchq -n "__fish_patchq_using_subcommand search" -l limit -d 'At most N series' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand search" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand search" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand search" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand search" -l messages -d 'List the matching messages instead of their series: every stored message, bug reports and discussions outside any series included, unless series filters are given'
complete -c patchq -n "__fish_patchq_using_subcommand search" -l all -d 'Every series, whatever its state'
complete -c patchq -n "__fish_patchq_using_subcommand search" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand thread" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand thread" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand thread" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand thread" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand thread" -l mbox -d 'Write the raw messages as an mbox instead of the tree'
complete -c patchq -n "__fish_patchq_using_subcommand thread" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand thread" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand am" -s o -l output -d 'Write to FILE instead of standard output (`-`: standard output)' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand am" -s v -l version -d 'Export revision vN of the chain instead of the newest' -r
complete -c patchq -n "__fish_patchq_using_subcommand am" -l link-prefix -d 'Prefix of the Link: trailer, before the Message-ID [default: the config file\'s for the series\' list, else https://patch.msgid.link/]' -r
complete -c patchq -n "__fish_patchq_using_subcommand am" -l take -d 'Where several senders\' patches compete for one slot, take this one (repeatable)' -r
complete -c patchq -n "__fish_patchq_using_subcommand am" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand am" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand am" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand am" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand am" -l cover -d 'Put the cover letter first (apply with `git am --empty=drop`)'
complete -c patchq -n "__fish_patchq_using_subcommand am" -l force -d 'Export an incomplete series anyway'
complete -c patchq -n "__fish_patchq_using_subcommand am" -l no-link -d 'Add no Link: trailer'
complete -c patchq -n "__fish_patchq_using_subcommand am" -l verified-only -d 'Leave out trailers no list server vouched for (those whose check failed always are)'
complete -c patchq -n "__fish_patchq_using_subcommand am" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand am" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l repo -d 'The git repository' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand apply" -s b -l branch -d 'Make a new branch NAME for the series instead of growing the current one' -r
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l base -d 'Apply onto REV (with --branch or --merge) [default: base-commit, else HEAD]' -r
complete -c patchq -n "__fish_patchq_using_subcommand apply" -s v -l version -d 'Export revision vN of the chain instead of the newest' -r
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l link-prefix -d 'Prefix of the Link: trailer, before the Message-ID [default: the config file\'s for the series\' list, else https://patch.msgid.link/]' -r
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l take -d 'Where several senders\' patches compete for one slot, take this one (repeatable)' -r
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand apply" -s M -l merge -d 'Apply onto the base, then merge into the current branch (b4 shazam -M)'
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l force -d 'Export an incomplete series anyway'
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l no-link -d 'Add no Link: trailer'
complete -c patchq -n "__fish_patchq_using_subcommand apply" -l verified-only -d 'Leave out trailers no list server vouched for (those whose check failed always are)'
complete -c patchq -n "__fish_patchq_using_subcommand apply" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l since -d 'Only series whose last commit is from DATE on (YYYY-MM-DD or RFC 3339) [default: 14 days ago]' -r
complete -c patchq -n "__fish_patchq_using_subcommand ty" -s o -l output -d 'A directory for one NNNN-KEY.thanks file per mail; `-` (or none): one mailbox on standard output (with --format json: a JSON list holding each mail)' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l branch -d 'Say "Applied to BRANCH" [default: the repository and revision the commits are in]' -r
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l from -d 'Sender "Name <address>" [default: the config file\'s [user], else git\'s user.name/email]' -r
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand ty" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand ty" -s n -l dry-run -d 'Write the mails but do not remember the series as thanked'
complete -c patchq -n "__fish_patchq_using_subcommand ty" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand ty" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand diff" -l from -d 'The older revision (its version number) [default: the one before --to]' -r
complete -c patchq -n "__fish_patchq_using_subcommand diff" -l to -d 'The newer revision [default: the newest]' -r
complete -c patchq -n "__fish_patchq_using_subcommand diff" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand diff" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand diff" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand diff" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand diff" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand state" -l note -d 'Why: kept with the event' -r
complete -c patchq -n "__fish_patchq_using_subcommand state" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand state" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand state" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand state" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand state" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand state" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -l note -d 'Why: kept with the event' -r
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -l clear -d 'Take the delegate away instead'
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand delegate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand archive" -l note -d 'Why: kept with the event' -r
complete -c patchq -n "__fish_patchq_using_subcommand archive" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand archive" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand archive" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand archive" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand archive" -l undo -d 'Unarchive instead'
complete -c patchq -n "__fish_patchq_using_subcommand archive" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand archive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand note" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand note" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand note" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand note" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand note" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand note" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand stats" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand stats" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand stats" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand stats" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand stats" -l series -d 'Also count series by shape: cover letters, completeness, revision chains by length, superseded revisions and the trailers collected'
complete -c patchq -n "__fish_patchq_using_subcommand stats" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand rebuild" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand rebuild" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand rebuild" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand rebuild" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand rebuild" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand rebuild" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand check" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand check" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand check" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand check" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand check" -l quick -d 'SQLite\'s quick check instead of the full one (no index-to-table comparison)'
complete -c patchq -n "__fish_patchq_using_subcommand check" -l reparse -d 'Also parse every message again and compare with what was stored'
complete -c patchq -n "__fish_patchq_using_subcommand check" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand report" -l week -d 'An ISO week, e.g. 2026-W47' -r
complete -c patchq -n "__fish_patchq_using_subcommand report" -l since -d 'Start of the period (with --until)' -r
complete -c patchq -n "__fish_patchq_using_subcommand report" -l until -d 'End of the period, exclusive' -r
complete -c patchq -n "__fish_patchq_using_subcommand report" -l subsystem -d 'Only series touching this subsystem' -r
complete -c patchq -n "__fish_patchq_using_subcommand report" -l maintainer -d 'Only series touching subsystems where EMAIL is M: or R:' -r
complete -c patchq -n "__fish_patchq_using_subcommand report" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand report" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand report" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand report" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand report" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand link" -l repo -d 'The git repository (its remembered revisions, or HEAD the first time)' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand link" -l rev -d 'HEAD, a branch, tag or commit, or a range A..B' -r
complete -c patchq -n "__fish_patchq_using_subcommand link" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand link" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand link" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand link" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand link" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -f -a "load" -d 'Load sections from MAINTAINERS files (or REF:MAINTAINERS of a git repository) and map every series to them; replaces what was loaded before'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -f -a "match" -d 'The sections each path belongs to, most specific first (get_maintainer.pl\'s rules)'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -f -a "show" -d 'One section: its people, lists, status, trees and patterns'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and not __fish_seen_subcommand_from load match show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -l repo -d 'A git repository: its REF:MAINTAINERS is read without a checkout' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -l rev -d 'With --repo: the revision to read' -r
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -s v -l verbose -d 'List every remark on the file (sections without S:, unknown tags ...), not a summary'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -l maintainers -d 'MAINTAINERS file(s) to use instead of the loaded ones (repeatable)' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from match" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -l maintainers -d 'MAINTAINERS file(s) to use instead of the loaded ones (repeatable)' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load sections from MAINTAINERS files (or REF:MAINTAINERS of a git repository) and map every series to them; replaces what was loaded before'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from help" -f -a "match" -d 'The sections each path belongs to, most specific first (get_maintainer.pl\'s rules)'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from help" -f -a "show" -d 'One section: its people, lists, status, trees and patterns'
complete -c patchq -n "__fish_patchq_using_subcommand maintainers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -l limit -d 'At most N subsystems' -r
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand subsystems" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand config" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand config" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand config" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand config" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand config" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand completions" -l db -d 'Database file [default: $XDG_DATA_HOME/patchq/patchq.db]' -r -F
complete -c patchq -n "__fish_patchq_using_subcommand completions" -l format -d 'Output form where a command prints records [default: table; report: md]' -r -f -a "table\t''
json\t''
csv\t''
md\t''
html\t''"
complete -c patchq -n "__fish_patchq_using_subcommand completions" -l color -d 'Colour: auto (only on a terminal, never with NO_COLOR), always, never [default: the config file\'s, else auto]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patchq -n "__fish_patchq_using_subcommand completions" -l now -d 'Pretend the time is this (RFC 3339), for reproducible output' -r
complete -c patchq -n "__fish_patchq_using_subcommand completions" -s q -l quiet -d 'No progress or summary on stderr'
complete -c patchq -n "__fish_patchq_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "import" -d 'Import mailing-list archives (mbox, mbox.gz, Maildir, public-inbox, a message, stdin)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "remote" -d 'The public-inbox inboxes `patchq sync` follows'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "sync" -d 'Fetch and import what is new: remotes, and (with no NAME) every remembered source'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "share" -d 'Share review state (states, delegates, archive flags, notes) with co-maintainers through git'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "fetch" -d 'Import one thread from a public-inbox server (its t.mbox.gz, as `b4 mbox` does)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "list" -d 'List series: outstanding ones by default'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "show" -d 'Show one series: patches, trailers, replies, revisions, events'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "search" -d 'Search subjects, message text and touched paths; series by default, messages with --messages'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "thread" -d 'Print the thread holding a message: a bug report and its replies, a series and its review'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "am" -d 'Write a series as a mailbox that `git am` applies, with the trailers given in replies'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "apply" -d 'Apply a series to a git repository as commits, like b4 shazam'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "ty" -d 'Write thank-you mails for series whose patches landed, like b4 ty'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "diff" -d 'What changed between two revisions, patch by patch, like git range-diff'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "state" -d 'Set the review state of one or more series'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "delegate" -d 'Delegate one or more series to someone (or clear the delegate)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "archive" -d 'Archive one or more series: outstanding lists leave them out, whatever their state'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "note" -d 'Add a note to the history of one or more series'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "stats" -d 'Count messages, patches, cover letters, replies, series, commit links and subsystems'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "rebuild" -d 'Recompute everything derived from the stored mail (parsing, series, subsystems, search)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "check" -d 'Check the database: SQLite\'s integrity check, every stored mail read back and verified'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "report" -d 'Write the status report of a week (default: the last complete week) or a date range'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "link" -d 'Link posted patches to the commits that merged them'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "maintainers" -d 'Subsystem sections from MAINTAINERS files: load them, match paths, show one'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "subsystems" -d 'Outstanding series per subsystem: how many, how many nobody has answered, the oldest'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "config" -d 'Show the effective settings and where each comes from'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and not __fish_seen_subcommand_from import remote sync share fetch list show search thread am apply ty diff state delegate archive note stats rebuild check report link maintainers subsystems config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "add" -d 'Follow a public-inbox v2 inbox: over HTTP(S) (https://lore.kernel.org/linux-modules) or a local inbox directory; `patchq sync` then fetches and imports it'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "list"
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from remote" -f -a "remove" -d 'Stop following an inbox; its mirrors are deleted, the mail imported from it stays'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "push" -d 'Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path; default every remembered share remote'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "pull" -d 'Push (pull) the events made here (made elsewhere): REMOTE is a name, a URL or a path; default every remembered share remote'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "add" -d 'Remember a share remote: a git URL (ssh://, https://, file://, host:path) or the path of a bare repository (`git init --bare`)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "list"
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from share" -f -a "remove" -d 'Forget a share remote (the events pulled from it stay)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from maintainers" -f -a "load" -d 'Load sections from MAINTAINERS files (or REF:MAINTAINERS of a git repository) and map every series to them; replaces what was loaded before'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from maintainers" -f -a "match" -d 'The sections each path belongs to, most specific first (get_maintainer.pl\'s rules)'
complete -c patchq -n "__fish_patchq_using_subcommand help; and __fish_seen_subcommand_from maintainers" -f -a "show" -d 'One section: its people, lists, status, trees and patterns'
