"""Applications and their pipeline, from 投递 to 稳岗."""
