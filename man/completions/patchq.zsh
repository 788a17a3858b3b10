#compdef patchq

autoload -U is-at-least

_patchq() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_patchq_commands" \
"*::: :->patchq" \
&& ret=0
    case $state in
    (patchq)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-command-$line[1]:"
        case $line[1] in
            (import)
_arguments "${_arguments_options[@]}" : \
'--list=[List id for messages that carry no List-Id or X-Mailing-List header]:LIST-ID:_default' \
'--max-size=[Reject messages larger than this many bytes]:BYTES:_default' \
'-j+[Parser threads \[default\: number of CPUs\]]:N:_default' \
'--jobs=[Parser threads \[default\: number of CPUs\]]:N:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::paths -- Archives to import:_default' \
&& ret=0
;;
(remote)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_patchq__subcmd__remote_commands" \
"*::: :->remote" \
&& ret=0

    case $state in
    (remote)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-remote-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
'--since=[Only mail from this date on (YYYY-MM-DD or RFC 3339)\: older epochs are not downloaded, older messages not imported]:DATE:_default' \
'--list=[List id for messages that carry no List-Id or X-Mailing-List header]:LIST-ID:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
':name -- A name for it (letters, digits, '\''.'\'', '\''_'\'', '\''-'\''):_default' \
':url -- The inbox'\''s URL, or the path of a local inbox:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
':name:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__remote__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-remote-help-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
'--proxy=[HTTP(S) proxy for the servers (default\: the https_proxy, ALL_PROXY, NO_PROXY variables)]:URL:_default' \
'-j+[Parser threads \[default\: number of CPUs\]]:N:_default' \
'--jobs=[Parser threads \[default\: number of CPUs\]]:N:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::names -- Remotes to sync (default\: every remote and every remembered source):_default' \
&& ret=0
;;
(share)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_patchq__subcmd__share_commands" \
"*::: :->share" \
&& ret=0

    case $state in
    (share)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-share-command-$line[1]:"
        case $line[1] in
            (push)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
'::remote:_default' \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
'::remote:_default' \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
':name -- A name for it (letters, digits, '\''.'\'', '\''_'\'', '\''-'\''):_default' \
':url:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
':name:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__share__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-share-help-command-$line[1]:"
        case $line[1] in
            (push)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(fetch)
_arguments "${_arguments_options[@]}" : \
'--remote=[The remote whose server to ask]:NAME:_default' \
'--proxy=[HTTP(S) proxy (default\: the https_proxy, ALL_PROXY, NO_PROXY variables)]:URL:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':what -- A Message-ID (with or without <>) or a message URL:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*--state=[Only these states (comma separated)]:STATE:_default' \
'--list=[Only series posted to this list (List-Id)]:LIST-ID:_default' \
'--from=[Submitter name or address contains TEXT]:TEXT:_default' \
'--since=[Posted on or after DATE (YYYY-MM-DD or RFC 3339)]:DATE:_default' \
'--until=[Posted before DATE]:DATE:_default' \
'--stale=[No message for DAYS days]:DAYS:_default' \
'--delegate=[Delegated to WHO\: an address or a unique part of one (\`me\`\: \$PATCHQ_USER, else git'\''s user.email)]:WHO:_default' \
'--repo=[Belonging to this linked repository (\`patchq link\` routes series)\: its path or name]:REPO:_default' \
'--subsystem=[Touching this subsystem\: its name, a unique prefix or a unique part of it, any case]:NAME:_default' \
'--maintainer=[Touching a subsystem where EMAIL is a maintainer (M\:) or reviewer (R\:); a unique part of the address will do]:EMAIL:_default' \
'--applied=[Only series whose patches landed (patchq link)\: all, some or none of them]:HOW-MANY:((all\:"Every patch has a commit"
some\:"Some patches have a commit, not all"
none\:"No patch has a commit (not yet applied)"))' \
'--sort=[]:SORT:(date activity subsystem)' \
'--limit=[At most N series]:N:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--all[Every series, whatever its state]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':series -- Series id, a Message-ID of any of its messages, or a URL ending in one:_default' \
&& ret=0
;;
(search)
_arguments "${_arguments_options[@]}" : \
'*--state=[Only these states (comma separated)]:STATE:_default' \
'--list=[Only series posted to this list (List-Id)]:LIST-ID:_default' \
'--from=[Submitter name or address contains TEXT]:TEXT:_default' \
'--since=[Posted on or after DATE (YYYY-MM-DD or RFC 3339)]:DATE:_default' \
'--until=[Posted before DATE]:DATE:_default' \
'--stale=[No message for DAYS days]:DAYS:_default' \
'--delegate=[Delegated to WHO\: an address or a unique part of one (\`me\`\: \$PATCHQ_USER, else git'\''s user.email)]:WHO:_default' \
'--repo=[Belonging to this linked repository (\`patchq link\` routes series)\: its path or name]:REPO:_default' \
'--subsystem=[Touching this subsystem\: its name, a unique prefix or a unique part of it, any case]:NAME:_default' \
'--maintainer=[Touching a subsystem where EMAIL is a maintainer (M\:) or reviewer (R\:); a unique part of the address will do]:EMAIL:_default' \
'--applied=[Only series whose patches landed (patchq link)\: all, some or none of them]:HOW-MANY:((all\:"Every patch has a commit"
some\:"Some patches have a commit, not all"
none\:"No patch has a commit (not yet applied)"))' \
'--sort=[]:SORT:(date activity subsystem)' \
'--limit=[At most N series]:N:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--messages[List the matching messages instead of their series\: every stored message, bug reports and discussions outside any series included, unless series filters are given]' \
'--all[Every series, whatever its state]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::query -- What to look for:_default' \
&& ret=0
;;
(thread)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--mbox[Write the raw messages as an mbox instead of the tree]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':message -- Any Message-ID in the thread (bare, <in brackets>, or a URL ending in one):_default' \
&& ret=0
;;
(am)
_arguments "${_arguments_options[@]}" : \
'-o+[Write to FILE instead of standard output (\`-\`\: standard output)]:FILE:_files' \
'--output=[Write to FILE instead of standard output (\`-\`\: standard output)]:FILE:_files' \
'-v+[Export revision vN of the chain instead of the newest]:N:_default' \
'--version=[Export revision vN of the chain instead of the newest]:N:_default' \
'--link-prefix=[Prefix of the Link\: trailer, before the Message-ID \[default\: the config file'\''s for the series'\'' list, else https\://patch.msgid.link/\]]:URL:_default' \
'*--take=[Where several senders'\'' patches compete for one slot, take this one (repeatable)]:MSGID:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--cover[Put the cover letter first (apply with \`git am --empty=drop\`)]' \
'--force[Export an incomplete series anyway]' \
'--no-link[Add no Link\: trailer]' \
'--verified-only[Leave out trailers no list server vouched for (those whose check failed always are)]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':series -- The series\: id, any Message-ID in it, or a URL ending in one:_default' \
&& ret=0
;;
(apply)
_arguments "${_arguments_options[@]}" : \
'--repo=[The git repository]:PATH:_files' \
'(-M --merge)-b+[Make a new branch NAME for the series instead of growing the current one]:NAME:_default' \
'(-M --merge)--branch=[Make a new branch NAME for the series instead of growing the current one]:NAME:_default' \
'--base=[Apply onto REV (with --branch or --merge) \[default\: base-commit, else HEAD\]]:REV:_default' \
'-v+[Export revision vN of the chain instead of the newest]:N:_default' \
'--version=[Export revision vN of the chain instead of the newest]:N:_default' \
'--link-prefix=[Prefix of the Link\: trailer, before the Message-ID \[default\: the config file'\''s for the series'\'' list, else https\://patch.msgid.link/\]]:URL:_default' \
'*--take=[Where several senders'\'' patches compete for one slot, take this one (repeatable)]:MSGID:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-M[Apply onto the base, then merge into the current branch (b4 shazam -M)]' \
'--merge[Apply onto the base, then merge into the current branch (b4 shazam -M)]' \
'--force[Export an incomplete series anyway]' \
'--no-link[Add no Link\: trailer]' \
'--verified-only[Leave out trailers no list server vouched for (those whose check failed always are)]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':series -- The series\: id, any Message-ID in it, or a URL ending in one:_default' \
&& ret=0
;;
(ty)
_arguments "${_arguments_options[@]}" : \
'--since=[Only series whose last commit is from DATE on (YYYY-MM-DD or RFC 3339) \[default\: 14 days ago\]]:DATE:_default' \
'-o+[A directory for one NNNN-KEY.thanks file per mail; \`-\` (or none)\: one mailbox on standard output (with --format json\: a JSON list holding each mail)]:DIR:_files' \
'--output=[A directory for one NNNN-KEY.thanks file per mail; \`-\` (or none)\: one mailbox on standard output (with --format json\: a JSON list holding each mail)]:DIR:_files' \
'--branch=[Say "Applied to BRANCH" \[default\: the repository and revision the commits are in\]]:BRANCH:_default' \
'--from=[Sender "Name <address>" \[default\: the config file'\''s \[user\], else git'\''s user.name/email\]]:ADDRESS:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-n[Write the mails but do not remember the series as thanked]' \
'--dry-run[Write the mails but do not remember the series as thanked]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::series -- Series to thank (id, a Message-ID in it, or a URL ending in one), again if they were:_default' \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
'--from=[The older revision (its version number) \[default\: the one before --to\]]:N:_default' \
'--to=[The newer revision \[default\: the newest\]]:M:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':series -- The series\: id, any Message-ID in it, or a URL ending in one:_default' \
&& ret=0
;;
(state)
_arguments "${_arguments_options[@]}" : \
'--note=[Why\: kept with the event]:TEXT:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::args -- The series, then the state:_default' \
&& ret=0
;;
(delegate)
_arguments "${_arguments_options[@]}" : \
'--note=[Why\: kept with the event]:TEXT:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--clear[Take the delegate away instead]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::args -- The series (`-` reads them from standard input), then who (unless --clear):_default' \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
'--note=[Why\: kept with the event]:TEXT:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--undo[Unarchive instead]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::series -- The series (`-` reads them from standard input):_default' \
&& ret=0
;;
(note)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::args -- The series (`-` reads them from standard input), then the note:_default' \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--series[Also count series by shape\: cover letters, completeness, revision chains by length, superseded revisions and the trailers collected]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(rebuild)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'--quick[SQLite'\''s quick check instead of the full one (no index-to-table comparison)]' \
'--reparse[Also parse every message again and compare with what was stored]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
'(--since --until)--week=[An ISO week, e.g. 2026-W47]:YYYY-Www:_default' \
'--since=[Start of the period (with --until)]:DATE:_default' \
'--until=[End of the period, exclusive]:DATE:_default' \
'--subsystem=[Only series touching this subsystem]:NAME:_default' \
'--maintainer=[Only series touching subsystems where EMAIL is M\: or R\:]:EMAIL:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(link)
_arguments "${_arguments_options[@]}" : \
'--repo=[The git repository (its remembered revisions, or HEAD the first time)]:PATH:_files' \
'--rev=[HEAD, a branch, tag or commit, or a range A..B]:RANGE:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(maintainers)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_patchq__subcmd__maintainers_commands" \
"*::: :->maintainers" \
&& ret=0

    case $state in
    (maintainers)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-maintainers-command-$line[1]:"
        case $line[1] in
            (load)
_arguments "${_arguments_options[@]}" : \
'--repo=[A git repository\: its REF\:MAINTAINERS is read without a checkout]:PATH:_files' \
'--rev=[With --repo\: the revision to read]:REF:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-v[List every remark on the file (sections without S\:, unknown tags ...), not a summary]' \
'--verbose[List every remark on the file (sections without S\:, unknown tags ...), not a summary]' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
'*::files -- MAINTAINERS files, loaded together (U-Boot keeps extra board/*/MAINTAINERS files) \[default\: the files the config file'\''s lists name\]:_files' \
&& ret=0
;;
(match)
_arguments "${_arguments_options[@]}" : \
'*--maintainers=[MAINTAINERS file(s) to use instead of the loaded ones (repeatable)]:FILE:_files' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
'*::paths -- Paths relative to the top of the tree; `-` reads them from standard input, one a line:_default' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'*--maintainers=[MAINTAINERS file(s) to use instead of the loaded ones (repeatable)]:FILE:_files' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help]' \
'--help[Print help]' \
':name -- Section name\: exact, a unique prefix or a unique part of it, any case:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__maintainers__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-maintainers-help-command-$line[1]:"
        case $line[1] in
            (load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(match)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(subsystems)
_arguments "${_arguments_options[@]}" : \
'--limit=[At most N subsystems]:N:_default' \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(config)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--db=[Database file \[default\: \$XDG_DATA_HOME/patchq/patchq.db\]]:PATH:_files' \
'--format=[Output form where a command prints records \[default\: table; report\: md\]]:FORMAT:(table json csv md html)' \
'--color=[Colour\: auto (only on a terminal, never with NO_COLOR), always, never \[default\: the config file'\''s, else auto\]]:COLOR:(auto always never)' \
'--now=[Pretend the time is this (RFC 3339), for reproducible output]:TIME:_default' \
'-q[No progress or summary on stderr]' \
'--quiet[No progress or summary on stderr]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':shell -- The shell to complete for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-help-command-$line[1]:"
        case $line[1] in
            (import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remote)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__help__subcmd__remote_commands" \
"*::: :->remote" \
&& ret=0

    case $state in
    (remote)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-help-remote-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(share)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__help__subcmd__share_commands" \
"*::: :->share" \
&& ret=0

    case $state in
    (share)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-help-share-command-$line[1]:"
        case $line[1] in
            (push)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(pull)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(fetch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(search)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(thread)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(am)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(apply)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ty)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(state)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delegate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(note)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rebuild)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(link)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(maintainers)
_arguments "${_arguments_options[@]}" : \
":: :_patchq__subcmd__help__subcmd__maintainers_commands" \
"*::: :->maintainers" \
&& ret=0

    case $state in
    (maintainers)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:patchq-help-maintainers-command-$line[1]:"
        case $line[1] in
            (load)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(match)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(subsystems)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(config)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_patchq_commands] )) ||
_patchq_commands() {
    local commands; commands=(
'import:Import mailing-list archives (mbox, mbox.gz, Maildir, public-inbox, a message, stdin)' \
'remote:The public-inbox inboxes \`patchq sync\` follows' \
'sync:Fetch and import what is new\: remotes, and (with no NAME) every remembered source' \
'share:Share review state (states, delegates, archive flags, notes) with co-maintainers through git' \
'fetch:Import one thread from a public-inbox server (its t.mbox.gz, as \`b4 mbox\` does)' \
'list:List series\: outstanding ones by default' \
'show:Show one series\: patches, trailers, replies, revisions, events' \
'search:Search subjects, message text and touched paths; series by default, messages with --messages' \
'thread:Print the thread holding a message\: a bug report and its replies, a series and its review' \
'am:Write a series as a mailbox that \`git am\` applies, with the trailers given in replies' \
'apply:Apply a series to a git repository as commits, like b4 shazam' \
'ty:Write thank-you mails for series whose patches landed, like b4 ty' \
'diff:What changed between two revisions, patch by patch, like git range-diff' \
'state:Set the review state of one or more series' \
'delegate:Delegate one or more series to someone (or clear the delegate)' \
'archive:Archive one or more series\: outstanding lists leave them out, whatever their state' \
'note:Add a note to the history of one or more series' \
'stats:Count messages, patches, cover letters, replies, series, commit links and subsystems' \
'rebuild:Recompute everything derived from the stored mail (parsing, series, subsystems, search)' \
'check:Check the database\: SQLite'\''s integrity check, every stored mail read back and verified' \
'report:Write the status report of a week (default\: the last complete week) or a date range' \
'link:Link posted patches to the commits that merged them' \
'maintainers:Subsystem sections from MAINTAINERS files\: load them, match paths, show one' \
'subsystems:Outstanding series per subsystem\: how many, how many nobody has answered, the oldest' \
'config:Show the effective settings and where each comes from' \
'completions:Print a shell completion script (bash, zsh, fish, elvish, powershell)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq commands' commands "$@"
}
(( $+functions[_patchq__subcmd__am_commands] )) ||
_patchq__subcmd__am_commands() {
    local commands; commands=()
    _describe -t commands 'patchq am commands' commands "$@"
}
(( $+functions[_patchq__subcmd__apply_commands] )) ||
_patchq__subcmd__apply_commands() {
    local commands; commands=()
    _describe -t commands 'patchq apply commands' commands "$@"
}
(( $+functions[_patchq__subcmd__archive_commands] )) ||
_patchq__subcmd__archive_commands() {
    local commands; commands=()
    _describe -t commands 'patchq archive commands' commands "$@"
}
(( $+functions[_patchq__subcmd__check_commands] )) ||
_patchq__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'patchq check commands' commands "$@"
}
(( $+functions[_patchq__subcmd__completions_commands] )) ||
_patchq__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'patchq completions commands' commands "$@"
}
(( $+functions[_patchq__subcmd__config_commands] )) ||
_patchq__subcmd__config_commands() {
    local commands; commands=()
    _describe -t commands 'patchq config commands' commands "$@"
}
(( $+functions[_patchq__subcmd__delegate_commands] )) ||
_patchq__subcmd__delegate_commands() {
    local commands; commands=()
    _describe -t commands 'patchq delegate commands' commands "$@"
}
(( $+functions[_patchq__subcmd__diff_commands] )) ||
_patchq__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'patchq diff commands' commands "$@"
}
(( $+functions[_patchq__subcmd__fetch_commands] )) ||
_patchq__subcmd__fetch_commands() {
    local commands; commands=()
    _describe -t commands 'patchq fetch commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help_commands] )) ||
_patchq__subcmd__help_commands() {
    local commands; commands=(
'import:Import mailing-list archives (mbox, mbox.gz, Maildir, public-inbox, a message, stdin)' \
'remote:The public-inbox inboxes \`patchq sync\` follows' \
'sync:Fetch and import what is new\: remotes, and (with no NAME) every remembered source' \
'share:Share review state (states, delegates, archive flags, notes) with co-maintainers through git' \
'fetch:Import one thread from a public-inbox server (its t.mbox.gz, as \`b4 mbox\` does)' \
'list:List series\: outstanding ones by default' \
'show:Show one series\: patches, trailers, replies, revisions, events' \
'search:Search subjects, message text and touched paths; series by default, messages with --messages' \
'thread:Print the thread holding a message\: a bug report and its replies, a series and its review' \
'am:Write a series as a mailbox that \`git am\` applies, with the trailers given in replies' \
'apply:Apply a series to a git repository as commits, like b4 shazam' \
'ty:Write thank-you mails for series whose patches landed, like b4 ty' \
'diff:What changed between two revisions, patch by patch, like git range-diff' \
'state:Set the review state of one or more series' \
'delegate:Delegate one or more series to someone (or clear the delegate)' \
'archive:Archive one or more series\: outstanding lists leave them out, whatever their state' \
'note:Add a note to the history of one or more series' \
'stats:Count messages, patches, cover letters, replies, series, commit links and subsystems' \
'rebuild:Recompute everything derived from the stored mail (parsing, series, subsystems, search)' \
'check:Check the database\: SQLite'\''s integrity check, every stored mail read back and verified' \
'report:Write the status report of a week (default\: the last complete week) or a date range' \
'link:Link posted patches to the commits that merged them' \
'maintainers:Subsystem sections from MAINTAINERS files\: load them, match paths, show one' \
'subsystems:Outstanding series per subsystem\: how many, how many nobody has answered, the oldest' \
'config:Show the effective settings and where each comes from' \
'completions:Print a shell completion script (bash, zsh, fish, elvish, powershell)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__am_commands] )) ||
_patchq__subcmd__help__subcmd__am_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help am commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__apply_commands] )) ||
_patchq__subcmd__help__subcmd__apply_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help apply commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__archive_commands] )) ||
_patchq__subcmd__help__subcmd__archive_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help archive commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__check_commands] )) ||
_patchq__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help check commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__completions_commands] )) ||
_patchq__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help completions commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__config_commands] )) ||
_patchq__subcmd__help__subcmd__config_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help config commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__delegate_commands] )) ||
_patchq__subcmd__help__subcmd__delegate_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help delegate commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__diff_commands] )) ||
_patchq__subcmd__help__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help diff commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__fetch_commands] )) ||
_patchq__subcmd__help__subcmd__fetch_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help fetch commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__help_commands] )) ||
_patchq__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__import_commands] )) ||
_patchq__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help import commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__link_commands] )) ||
_patchq__subcmd__help__subcmd__link_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help link commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__list_commands] )) ||
_patchq__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__maintainers_commands] )) ||
_patchq__subcmd__help__subcmd__maintainers_commands() {
    local commands; commands=(
'load:Load sections from MAINTAINERS files (or REF\:MAINTAINERS of a git repository) and map every series to them; replaces what was loaded before' \
'match:The sections each path belongs to, most specific first (get_maintainer.pl'\''s rules)' \
'show:One section\: its people, lists, status, trees and patterns' \
    )
    _describe -t commands 'patchq help maintainers commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__maintainers__subcmd__load_commands] )) ||
_patchq__subcmd__help__subcmd__maintainers__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help maintainers load commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__maintainers__subcmd__match_commands] )) ||
_patchq__subcmd__help__subcmd__maintainers__subcmd__match_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help maintainers match commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__maintainers__subcmd__show_commands] )) ||
_patchq__subcmd__help__subcmd__maintainers__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help maintainers show commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__note_commands] )) ||
_patchq__subcmd__help__subcmd__note_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help note commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__rebuild_commands] )) ||
_patchq__subcmd__help__subcmd__rebuild_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help rebuild commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__remote_commands] )) ||
_patchq__subcmd__help__subcmd__remote_commands() {
    local commands; commands=(
'add:Follow a public-inbox v2 inbox\: over HTTP(S) (https\://lore.kernel.org/linux-modules) or a local inbox directory; \`patchq sync\` then fetches and imports it' \
'list:' \
'remove:Stop following an inbox; its mirrors are deleted, the mail imported from it stays' \
    )
    _describe -t commands 'patchq help remote commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__remote__subcmd__add_commands] )) ||
_patchq__subcmd__help__subcmd__remote__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help remote add commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__remote__subcmd__list_commands] )) ||
_patchq__subcmd__help__subcmd__remote__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help remote list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__remote__subcmd__remove_commands] )) ||
_patchq__subcmd__help__subcmd__remote__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help remote remove commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__report_commands] )) ||
_patchq__subcmd__help__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help report commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__search_commands] )) ||
_patchq__subcmd__help__subcmd__search_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help search commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__share_commands] )) ||
_patchq__subcmd__help__subcmd__share_commands() {
    local commands; commands=(
'push:Push (pull) the events made here (made elsewhere)\: REMOTE is a name, a URL or a path; default every remembered share remote' \
'pull:Push (pull) the events made here (made elsewhere)\: REMOTE is a name, a URL or a path; default every remembered share remote' \
'add:Remember a share remote\: a git URL (ssh\://, https\://, file\://, host\:path) or the path of a bare repository (\`git init --bare\`)' \
'list:' \
'remove:Forget a share remote (the events pulled from it stay)' \
    )
    _describe -t commands 'patchq help share commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__share__subcmd__add_commands] )) ||
_patchq__subcmd__help__subcmd__share__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help share add commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__share__subcmd__list_commands] )) ||
_patchq__subcmd__help__subcmd__share__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help share list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__share__subcmd__pull_commands] )) ||
_patchq__subcmd__help__subcmd__share__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help share pull commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__share__subcmd__push_commands] )) ||
_patchq__subcmd__help__subcmd__share__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help share push commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__share__subcmd__remove_commands] )) ||
_patchq__subcmd__help__subcmd__share__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help share remove commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__show_commands] )) ||
_patchq__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help show commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__state_commands] )) ||
_patchq__subcmd__help__subcmd__state_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help state commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__stats_commands] )) ||
_patchq__subcmd__help__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help stats commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__subsystems_commands] )) ||
_patchq__subcmd__help__subcmd__subsystems_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help subsystems commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__sync_commands] )) ||
_patchq__subcmd__help__subcmd__sync_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help sync commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__thread_commands] )) ||
_patchq__subcmd__help__subcmd__thread_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help thread commands' commands "$@"
}
(( $+functions[_patchq__subcmd__help__subcmd__ty_commands] )) ||
_patchq__subcmd__help__subcmd__ty_commands() {
    local commands; commands=()
    _describe -t commands 'patchq help ty commands' commands "$@"
}
(( $+functions[_patchq__subcmd__import_commands] )) ||
_patchq__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'patchq import commands' commands "$@"
}
(( $+functions[_patchq__subcmd__link_commands] )) ||
_patchq__subcmd__link_commands() {
    local commands; commands=()
    _describe -t commands 'patchq link commands' commands "$@"
}
(( $+functions[_patchq__subcmd__list_commands] )) ||
_patchq__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers_commands] )) ||
_patchq__subcmd__maintainers_commands() {
    local commands; commands=(
'load:Load sections from MAINTAINERS files (or REF\:MAINTAINERS of a git repository) and map every series to them; replaces what was loaded before' \
'match:The sections each path belongs to, most specific first (get_maintainer.pl'\''s rules)' \
'show:One section\: its people, lists, status, trees and patterns' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq maintainers commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__help_commands] )) ||
_patchq__subcmd__maintainers__subcmd__help_commands() {
    local commands; commands=(
'load:Load sections from MAINTAINERS files (or REF\:MAINTAINERS of a git repository) and map every series to them; replaces what was loaded before' \
'match:The sections each path belongs to, most specific first (get_maintainer.pl'\''s rules)' \
'show:One section\: its people, lists, status, trees and patterns' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq maintainers help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__help__subcmd__help_commands] )) ||
_patchq__subcmd__maintainers__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers help help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__help__subcmd__load_commands] )) ||
_patchq__subcmd__maintainers__subcmd__help__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers help load commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__help__subcmd__match_commands] )) ||
_patchq__subcmd__maintainers__subcmd__help__subcmd__match_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers help match commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__help__subcmd__show_commands] )) ||
_patchq__subcmd__maintainers__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers help show commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__load_commands] )) ||
_patchq__subcmd__maintainers__subcmd__load_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers load commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__match_commands] )) ||
_patchq__subcmd__maintainers__subcmd__match_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers match commands' commands "$@"
}
(( $+functions[_patchq__subcmd__maintainers__subcmd__show_commands] )) ||
_patchq__subcmd__maintainers__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'patchq maintainers show commands' commands "$@"
}
(( $+functions[_patchq__subcmd__note_commands] )) ||
_patchq__subcmd__note_commands() {
    local commands; commands=()
    _describe -t commands 'patchq note commands' commands "$@"
}
(( $+functions[_patchq__subcmd__rebuild_commands] )) ||
_patchq__subcmd__rebuild_commands() {
    local commands; commands=()
    _describe -t commands 'patchq rebuild commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote_commands] )) ||
_patchq__subcmd__remote_commands() {
    local commands; commands=(
'add:Follow a public-inbox v2 inbox\: over HTTP(S) (https\://lore.kernel.org/linux-modules) or a local inbox directory; \`patchq sync\` then fetches and imports it' \
'list:' \
'remove:Stop following an inbox; its mirrors are deleted, the mail imported from it stays' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq remote commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__add_commands] )) ||
_patchq__subcmd__remote__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote add commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__help_commands] )) ||
_patchq__subcmd__remote__subcmd__help_commands() {
    local commands; commands=(
'add:Follow a public-inbox v2 inbox\: over HTTP(S) (https\://lore.kernel.org/linux-modules) or a local inbox directory; \`patchq sync\` then fetches and imports it' \
'list:' \
'remove:Stop following an inbox; its mirrors are deleted, the mail imported from it stays' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq remote help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__help__subcmd__add_commands] )) ||
_patchq__subcmd__remote__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote help add commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__help__subcmd__help_commands] )) ||
_patchq__subcmd__remote__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote help help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__help__subcmd__list_commands] )) ||
_patchq__subcmd__remote__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote help list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__help__subcmd__remove_commands] )) ||
_patchq__subcmd__remote__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote help remove commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__list_commands] )) ||
_patchq__subcmd__remote__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__remote__subcmd__remove_commands] )) ||
_patchq__subcmd__remote__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'patchq remote remove commands' commands "$@"
}
(( $+functions[_patchq__subcmd__report_commands] )) ||
_patchq__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'patchq report commands' commands "$@"
}
(( $+functions[_patchq__subcmd__search_commands] )) ||
_patchq__subcmd__search_commands() {
    local commands; commands=()
    _describe -t commands 'patchq search commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share_commands] )) ||
_patchq__subcmd__share_commands() {
    local commands; commands=(
'push:Push (pull) the events made here (made elsewhere)\: REMOTE is a name, a URL or a path; default every remembered share remote' \
'pull:Push (pull) the events made here (made elsewhere)\: REMOTE is a name, a URL or a path; default every remembered share remote' \
'add:Remember a share remote\: a git URL (ssh\://, https\://, file\://, host\:path) or the path of a bare repository (\`git init --bare\`)' \
'list:' \
'remove:Forget a share remote (the events pulled from it stay)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq share commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__add_commands] )) ||
_patchq__subcmd__share__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share add commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help_commands] )) ||
_patchq__subcmd__share__subcmd__help_commands() {
    local commands; commands=(
'push:Push (pull) the events made here (made elsewhere)\: REMOTE is a name, a URL or a path; default every remembered share remote' \
'pull:Push (pull) the events made here (made elsewhere)\: REMOTE is a name, a URL or a path; default every remembered share remote' \
'add:Remember a share remote\: a git URL (ssh\://, https\://, file\://, host\:path) or the path of a bare repository (\`git init --bare\`)' \
'list:' \
'remove:Forget a share remote (the events pulled from it stay)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'patchq share help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help__subcmd__add_commands] )) ||
_patchq__subcmd__share__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share help add commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help__subcmd__help_commands] )) ||
_patchq__subcmd__share__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share help help commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help__subcmd__list_commands] )) ||
_patchq__subcmd__share__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share help list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help__subcmd__pull_commands] )) ||
_patchq__subcmd__share__subcmd__help__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share help pull commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help__subcmd__push_commands] )) ||
_patchq__subcmd__share__subcmd__help__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share help push commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__help__subcmd__remove_commands] )) ||
_patchq__subcmd__share__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share help remove commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__list_commands] )) ||
_patchq__subcmd__share__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share list commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__pull_commands] )) ||
_patchq__subcmd__share__subcmd__pull_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share pull commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__push_commands] )) ||
_patchq__subcmd__share__subcmd__push_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share push commands' commands "$@"
}
(( $+functions[_patchq__subcmd__share__subcmd__remove_commands] )) ||
_patchq__subcmd__share__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'patchq share remove commands' commands "$@"
}
(( $+functions[_patchq__subcmd__show_commands] )) ||
_patchq__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'patchq show commands' commands "$@"
}
(( $+functions[_patchq__subcmd__state_commands] )) ||
_patchq__subcmd__state_commands() {
    local commands; commands=()
    _describe -t commands 'patchq state commands' commands "$@"
}
(( $+functions[_patchq__subcmd__stats_commands] )) ||
_patchq__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'patchq stats commands' commands "$@"
}
(( $+functions[_patchq__subcmd__subsystems_commands] )) ||
_patchq__subcmd__subsystems_commands() {
    local commands; commands=()
    _describe -t commands 'patchq subsystems commands' commands "$@"
}
(( $+functions[_patchq__subcmd__sync_commands] )) ||
_patchq__subcmd__sync_commands() {
    local commands; commands=()
    _describe -t commands 'patchq sync commands' commands "$@"
}
(( $+functions[_patchq__subcmd__thread_commands] )) ||
_patchq__subcmd__thread_commands() {
    local commands; commands=()
    _describe -t commands 'patchq thread commands' commands "$@"
}
(( $+functions[_patchq__subcmd__ty_commands] )) ||
_patchq__subcmd__ty_commands() {
    local commands; commands=()
    _describe -t commands 'patchq ty commands' commands "$@"
}

if [ "$funcstack[1]" = "_patchq" ]; then
    _patchq "$@"
else
    compdef _patchq patchq
fi
