# Start Stappenplan on Windows (PowerShell 5.1 or newer), like ./run on Linux and macOS.
# The first run makes a Python environment in .venv and installs the app in it; later runs start
# at once (they install again only when pyproject.toml has changed).
# Everything after run.ps1 goes to the app, e.g.:  .\run.ps1 --data-dir E:\Stappenplan
# Double-clicking run.bat does the same without having to change PowerShell's execution policy,
# and keeps the window open when something went wrong.

$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$Venv = Join-Path $Root '.venv'
$Py = Join-Path $Venv 'Scripts\python.exe'
$Project = Join-Path $Root 'pyproject.toml'
$StampPrefix = Join-Path $Venv '.stappenplan-install'

function Stop-WithMessage([string]$Message) {
    Write-Host $Message -ForegroundColor Red
    exit 1
}

# True when the command (an exe plus its first arguments) is Python 3.12 or newer.
function Test-Python([string[]]$Command) {
    try {
        $exe = $Command[0]
        $rest = @($Command | Select-Object -Skip 1)
        & $exe @rest -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>$null | Out-Null
        return ($LASTEXITCODE -eq 0)
    } catch {
        return $false
    }
}

function Find-Python {
    $candidates = @()
    if ($env:PYTHON) { $candidates += , @($env:PYTHON) }
    $candidates += , @('py', '-3')   # the Python launcher from python.org
    $candidates += , @('python')
    $candidates += , @('python3')
    foreach ($c in $candidates) {
        if ((Get-Command $c[0] -ErrorAction SilentlyContinue) -and (Test-Python $c)) { return , $c }
    }
    return $null
}

function New-Venv {
    $python = Find-Python
    if (-not $python) {
        Stop-WithMessage ("Python 3.12 of nieuwer is nodig. Installeer het van https://www.python.org/downloads/ " +
            "(vink 'Add python.exe to PATH' aan) en start dit opnieuw.")
    }
    Write-Host "Nieuwe Python-omgeving maken in $Venv ..."
    if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
    $exe = $python[0]
    $rest = @($python | Select-Object -Skip 1)
    & $exe @rest -m venv $Venv
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $Py)) { Stop-WithMessage 'Kon geen Python-omgeving maken.' }
    & $Py -m pip install --disable-pip-version-check -q --upgrade pip
    if ($LASTEXITCODE -ne 0) { Write-Host '(pip bijwerken lukte niet; de installatie gaat door met de bestaande pip)' }
}

function Test-Stamp([string]$Name, [string]$Hash) {
    $file = "$StampPrefix-$Name"
    if (-not (Test-Path $file)) { return $false }
    return ([string](Get-Content $file -Raw)).Trim() -eq $Hash
}

if (-not ((Test-Path $Py) -and (Test-Python @($Py)))) { New-Venv }

$hash = (Get-FileHash -Algorithm SHA256 $Project).Hash.ToLowerInvariant()
# An install with the dev extras (by the tests) holds everything the app needs too.
if (-not ((Test-Stamp 'app' $hash) -or (Test-Stamp 'dev' $hash))) {
    Write-Host "Stappenplan installeren in $Venv (de eerste keer duurt dit een paar minuten)..."
    Remove-Item -Force -ErrorAction SilentlyContinue "$StampPrefix-app", "$StampPrefix-dev"
    & $Py -m pip install --disable-pip-version-check -e $Root
    if ($LASTEXITCODE -ne 0) {
        Stop-WithMessage 'De installatie is mislukt (zie de meldingen hierboven). Probeer het opnieuw.'
    }
    Set-Content -Path "$StampPrefix-app" -Value $hash -Encoding ascii
}

& $Py -m vv_desktop @args
exit $LASTEXITCODE
