import sys

from vv_desktop.cli import main

sys.exit(main())
