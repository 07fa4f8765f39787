# bash completion for verbale(1)                                  -*- shell-script -*-
#
# Installed as share/bash-completion/completions/verbale, or sourced by hand:
#     source completion/verbale.bash
# Completes the commands (check render batch watch new), their options (--help too), the formats of -f
# (pdf, md, html, odt, as a comma list), folders for -o, --template, --radice and batch, files for
# new's --file-organo, nothing for watch's --serve PORT, session files
# (*.yaml, *.yml) for check, render and watch, and folders for the new file of new. Self-contained: it needs neither the
# bash-completion package nor extglob, and reads only COMP_WORDS and COMP_CWORD.

# Session files matching $1, and folders to descend into.
_verbale_sessions()
{
    local cur=$1 f path
    local -a cands
    mapfile -t cands < <(compgen -f -- "$cur")
    for f in "${cands[@]}"; do
        path=$f
        [[ $path == '~'* ]] && path=$HOME${path:1}
        if [[ -d $path ]]; then
            COMPREPLY+=("$f")
        elif [[ $f == *.yaml || $f == *.yml ]]; then
            COMPREPLY+=("$f")
        fi
    done
    compopt -o filenames 2>/dev/null
}

# Folders matching $1.
_verbale_dirs()
{
    local -a cands
    mapfile -t cands < <(compgen -d -- "$1")
    COMPREPLY+=("${cands[@]}")
    compopt -o filenames 2>/dev/null
}

# The value of -f: a comma list of pdf, md, html and odt, completing its last element.
_verbale_formats()
{
    local cur=$1 prefix='' last=$1 f used n=0
    if [[ $cur == *,* ]]; then
        prefix=${cur%,*},
        last=${cur##*,}
    fi
    for f in pdf md html odt; do
        [[ ,$prefix == *,$f,* ]] && continue
        [[ $f == "$last"* ]] && COMPREPLY+=("$prefix$f")
    done
    # one completion that still leaves formats out: no space, so that ',' can follow
    if ((${#COMPREPLY[@]} == 1)); then
        used=,${COMPREPLY[0]},
        for f in pdf md html odt; do
            [[ $used == *,$f,* ]] && ((n++))
        done
        ((n < 4)) && compopt -o nospace 2>/dev/null
    fi
}

_verbale()
{
    local cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD
    local cmd opts w expect='' dashdash=0 npos=0 i
    COMPREPLY=()

    if ((cword <= 1)); then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W '--help --version' -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W 'check render batch watch new' -- "$cur")
        fi
        return 0
    fi

    cmd=${COMP_WORDS[1]}
    case $cmd in
    check) opts='--json --radice --help' ;;
    render) opts='-o -f --template --radice --help' ;;
    watch) opts='-o -f --template --radice --serve --help' ;;
    batch) opts='-o -f -j --force --prune --shard --timeout --template --help' ;;
    new) opts='--template --file-organo --help' ;;
    *) return 0 ;; # --help, --version, or an unknown command: nothing follows
    esac

    # What comes before the word being completed: options that take the next word as their
    # value, "--", and how many files (or folders) are already there.
    for ((i = 2; i < cword; i++)); do
        w=${COMP_WORDS[i]}
        if [[ -n $expect ]]; then
            expect=''
            continue
        fi
        if ((dashdash)); then
            ((npos++))
            continue
        fi
        case $w in
        --) dashdash=1 ;;
        -o | -f)
            [[ $cmd == render || $cmd == watch || $cmd == batch ]] && expect=$w
            ;;
        --template)
            [[ $cmd != check ]] && expect=$w
            ;;
        --radice)
            [[ $cmd == check || $cmd == render || $cmd == watch ]] && expect=$w
            ;;
        --file-organo)
            [[ $cmd == new ]] && expect=$w
            ;;
        -j | --shard | --timeout)
            [[ $cmd == batch ]] && expect=$w
            ;;
        --serve)
            [[ $cmd == watch ]] && expect=$w
            ;;
        -?*) ;;
        *) ((npos++)) ;;
        esac
    done

    # The value of an option.
    case $expect in
    --file-organo)
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    -o | --template | --radice)
        _verbale_dirs "$cur"
        return 0
        ;;
    -f)
        _verbale_formats "$cur"
        return 0
        ;;
    -j)
        local n
        n=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)
        mapfile -t COMPREPLY < <(compgen -W "${n:-1}" -- "$cur")
        return 0
        ;;
    --shard)
        return 0 # K/N: nothing to guess
        ;;
    --serve)
        return 0 # a free port: nothing to guess
        ;;
    --timeout)
        mapfile -t COMPREPLY < <(compgen -W "60" -- "$cur")
        return 0
        ;;
    esac

    if ((!dashdash)) && [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return 0
    fi

    case $cmd in
    check | render) _verbale_sessions "$cur" ;;
    watch) ((npos == 0)) && _verbale_sessions "$cur" ;;
    batch) ((npos == 0)) && _verbale_dirs "$cur" ;;
    new)
        # a file that does not exist yet: only the folders to put it in
        if ((npos == 0)); then
            _verbale_dirs "$cur"
            compopt -o nospace 2>/dev/null
        fi
        ;;
    esac
    return 0
}

complete -F _verbale verbale
