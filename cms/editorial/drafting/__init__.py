"""Helping a division draft: an interpretation started from its document (为本文件添加解读), and page creation that
never leaves a second draft behind or an unexplained address clash."""
